import { Body, Controller, Delete, Get, HttpCode, Param, PipeTransform, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { NoFieldsPipe, parseId, ProblemException, Roles, SecretInResponse } from '@ajar/http';
import { ChangeWebhookEndpointCommand } from '../../application/commands/change-webhook-endpoint/change-webhook-endpoint.command';
import { CreatedWebhookEndpoint, CreateWebhookEndpointCommand } from '../../application/commands/create-webhook-endpoint/create-webhook-endpoint.command';
import { ReplayedWebhookMessage, ReplayWebhookMessageCommand } from '../../application/commands/replay-webhook-message/replay-webhook-message.command';
import { RotatedWebhookSecret, RotateWebhookSecretCommand } from '../../application/commands/rotate-webhook-secret/rotate-webhook-secret.command';
import type { WebhookEndpointView } from '../../application/queries/webhook-endpoint.view';
import {
  GetWebhookEndpointQuery,
  GetWebhookMessageQuery,
  ListWebhookAttemptsQuery,
  ListWebhookEndpointsQuery,
  WebhookAttemptView,
  WebhookMessageView,
} from '../../application/queries/webhook.queries';
import { INTEGRATION_EVENT_TYPES, messageIdOf } from '../../domain/integration-event';

/** A message id in the path: the internal UUID or the `msg_…` webhook-id receivers are given. */
const messageId: PipeTransform<string, string> = {
  transform(value: string): string {
    const id = messageIdOf(value);
    if (id === undefined) {
      throw new ProblemException(400, 'REQUEST.INVALID_ID', 'Invalid id', 'id must be a UUID or the msg_… webhook-id of the message.', [
        { field: 'id', reason: 'must be a UUID or the msg_… webhook-id of the message' },
      ]);
    }
    return id;
  },
};
import { CreateWebhookEndpointRequest, ListWebhookAttemptsRequest, ReplayWebhookMessageRequest, RotateWebhookSecretRequest } from './dto/webhook-endpoint.requests';

const READERS = ['admin', 'integrator', 'auditor'] as const;
const DEFAULT_OVERLAP_SECONDS = 24 * 3600;

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /**
   * Registers a receiver of signed webhooks (Standard Webhooks). The `whsec_…` secret is shown
   * once. Types: see `GET /v1/webhook-event-types`.
   */
  @Post()
  @HttpCode(201)
  @Roles('admin')
  @SecretInResponse('secret')
  create(@Body() body: CreateWebhookEndpointRequest, @TenantCaller() actor: TenantActor): Promise<CreatedWebhookEndpoint> {
    return this.commands.execute(new CreateWebhookEndpointCommand(body.url, body.eventTypes ?? [], body.description, actor));
  }

  @Get()
  @Roles(...READERS)
  list(@TenantCaller() actor: TenantActor): Promise<{ items: WebhookEndpointView[] }> {
    return this.queries.execute(new ListWebhookEndpointsQuery(actor.tenantId));
  }

  @Get(':id')
  @Roles(...READERS)
  get(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<WebhookEndpointView> {
    return this.queries.execute(new GetWebhookEndpointQuery(actor.tenantId, id));
  }

  /** Stops deliveries; owed ones are cancelled (replay them after enabling). */
  @Post(':id/disable')
  @HttpCode(200)
  @Roles('admin')
  disable(@Param('id', parseId()) id: string, @Body(NoFieldsPipe) _body: Record<string, never>, @TenantCaller() actor: TenantActor): Promise<WebhookEndpointView> {
    return this.commands.execute(new ChangeWebhookEndpointCommand(id, 'disable', actor));
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Roles('admin')
  enable(@Param('id', parseId()) id: string, @Body(NoFieldsPipe) _body: Record<string, never>, @TenantCaller() actor: TenantActor): Promise<WebhookEndpointView> {
    return this.commands.execute(new ChangeWebhookEndpointCommand(id, 'enable', actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async delete(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<void> {
    await this.commands.execute(new ChangeWebhookEndpointCommand(id, 'delete', actor));
  }

  /** A new secret, shown once; the old one keeps signing alongside it for `overlapSeconds`. */
  @Post(':id/secret-rotation')
  @HttpCode(201)
  @Roles('admin')
  @SecretInResponse('secret')
  rotate(@Param('id', parseId()) id: string, @Body() body: RotateWebhookSecretRequest, @TenantCaller() actor: TenantActor): Promise<RotatedWebhookSecret> {
    return this.commands.execute(new RotateWebhookSecretCommand(id, body.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS, actor));
  }

  /** Every attempt to this endpoint, newest first: status, latency, a 1 KiB response excerpt. */
  @Get(':id/attempts')
  @Roles(...READERS)
  attempts(
    @Param('id', parseId()) id: string,
    @Query() query: ListWebhookAttemptsRequest,
    @TenantCaller() actor: TenantActor,
  ): Promise<{ items: WebhookAttemptView[]; nextCursor: string | null }> {
    return this.queries.execute(new ListWebhookAttemptsQuery(actor.tenantId, id, query.limit ?? 50, query.cursor));
  }
}

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1')
export class WebhookMessagesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The integration event types an endpoint can subscribe to. */
  @Get('webhook-event-types')
  @Roles(...READERS)
  eventTypes(): { items: readonly string[] } {
    return { items: INTEGRATION_EVENT_TYPES };
  }

  /** A message: the exact payload sent and its deliveries. `id` is its UUID or the `msg_…` `webhook-id` receivers got. */
  @Get('webhook-messages/:id')
  @Roles(...READERS)
  message(@Param('id', messageId) id: string, @TenantCaller() actor: TenantActor): Promise<WebhookMessageView> {
    return this.queries.execute(new GetWebhookMessageQuery(actor.tenantId, id));
  }

  /** Sends the message (UUID or `msg_…` webhook-id) again with the same `webhook-id`, as a new delivery with a fresh schedule. */
  @Post('webhook-messages/:id/replay')
  @HttpCode(202)
  @Roles('admin', 'integrator')
  replay(@Param('id', messageId) id: string, @Body() body: ReplayWebhookMessageRequest, @TenantCaller() actor: TenantActor): Promise<ReplayedWebhookMessage> {
    return this.commands.execute(new ReplayWebhookMessageCommand(id, body.endpointId, actor));
  }
}
