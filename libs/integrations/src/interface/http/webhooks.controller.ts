import { Body, Controller, Delete, Get, HttpCode, Param, PipeTransform, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { ApiProblems, NoFieldsPipe, parseId, ProblemException, Roles, SecretInResponse } from '@ajar/http';
import { ChangeWebhookEndpointCommand } from '../../application/commands/change-webhook-endpoint/change-webhook-endpoint.command';
import { CreateWebhookEndpointCommand } from '../../application/commands/create-webhook-endpoint/create-webhook-endpoint.command';
import { ReplayWebhookMessageCommand } from '../../application/commands/replay-webhook-message/replay-webhook-message.command';
import { RotateWebhookSecretCommand } from '../../application/commands/rotate-webhook-secret/rotate-webhook-secret.command';
import {
  GetWebhookEndpointQuery,
  GetWebhookMessageQuery,
  ListWebhookAttemptsQuery,
  ListWebhookEndpointsQuery,
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
import {
  CreatedWebhookEndpointResponse,
  ReplayedWebhookMessageResponse,
  RotatedWebhookSecretResponse,
  WebhookAttemptPageResponse,
  WebhookEndpointListResponse,
  WebhookEndpointResponse,
  WebhookEventTypesResponse,
  WebhookMessageResponse,
} from './dto/integration.responses';

const ENDPOINT_NOT_FOUND = 'WEBHOOK.ENDPOINT_NOT_FOUND';
const MESSAGE_ID_PARAMETER = {
  name: 'id',
  description: 'The message: its UUID, or the `msg_…` webhook-id receivers are given.',
  schema: {
    type: 'string',
    pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|msg_[0-9a-fA-F]{32})$',
    examples: ['msg_0192d0a47d7c7b8e9f536f1f0c4e2a11'],
  },
} as const;
const INVALID_MESSAGE_ID = 'REQUEST.INVALID_ID: id is neither a UUID nor a msg_… webhook-id';

const READERS = ['admin', 'integrator', 'auditor'] as const;
const DEFAULT_OVERLAP_SECONDS = 24 * 3600;

@ApiTags('webhooks')
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
  @ApiOperation({ operationId: 'createWebhookEndpoint' })
  @ApiProblems({ 422: ['WEBHOOK.URL_REFUSED: not an https URL Ajar may reach (private, loopback or plain http)'] })
  create(@Body() body: CreateWebhookEndpointRequest, @TenantCaller() actor: TenantActor): Promise<CreatedWebhookEndpointResponse> {
    return this.commands.execute(new CreateWebhookEndpointCommand(body.url, body.eventTypes ?? [], body.description, actor));
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listWebhookEndpoints', summary: 'The tenant\'s webhook endpoints' })
  list(@TenantCaller() actor: TenantActor): Promise<WebhookEndpointListResponse> {
    return this.queries.execute(new ListWebhookEndpointsQuery(actor.tenantId));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getWebhookEndpoint', summary: 'Read a webhook endpoint' })
  @ApiProblems({ 404: [ENDPOINT_NOT_FOUND] })
  get(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<WebhookEndpointResponse> {
    return this.queries.execute(new GetWebhookEndpointQuery(actor.tenantId, id));
  }

  /** Stops deliveries; owed ones are cancelled (replay them after enabling). */
  @Post(':id/disable')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ operationId: 'disableWebhookEndpoint' })
  @ApiProblems({ 404: [ENDPOINT_NOT_FOUND] })
  disable(@Param('id', parseId()) id: string, @Body(NoFieldsPipe) _body: Record<string, never>, @TenantCaller() actor: TenantActor): Promise<WebhookEndpointResponse> {
    return this.commands.execute(new ChangeWebhookEndpointCommand(id, 'disable', actor));
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ operationId: 'enableWebhookEndpoint', summary: 'Enable a webhook endpoint again' })
  @ApiProblems({ 404: [ENDPOINT_NOT_FOUND] })
  enable(@Param('id', parseId()) id: string, @Body(NoFieldsPipe) _body: Record<string, never>, @TenantCaller() actor: TenantActor): Promise<WebhookEndpointResponse> {
    return this.commands.execute(new ChangeWebhookEndpointCommand(id, 'enable', actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ operationId: 'deleteWebhookEndpoint', summary: 'Delete a webhook endpoint' })
  @ApiProblems({ 404: [ENDPOINT_NOT_FOUND] })
  async delete(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<void> {
    await this.commands.execute(new ChangeWebhookEndpointCommand(id, 'delete', actor));
  }

  /** A new secret, shown once; the old one keeps signing alongside it for `overlapSeconds`. */
  @Post(':id/secret-rotation')
  @HttpCode(201)
  @Roles('admin')
  @SecretInResponse('secret')
  @ApiOperation({ operationId: 'rotateWebhookSecret' })
  @ApiProblems({ 404: [ENDPOINT_NOT_FOUND] })
  rotate(@Param('id', parseId()) id: string, @Body() body: RotateWebhookSecretRequest, @TenantCaller() actor: TenantActor): Promise<RotatedWebhookSecretResponse> {
    return this.commands.execute(new RotateWebhookSecretCommand(id, body.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS, actor));
  }

  /** Every attempt to this endpoint, newest first: status, latency, a 1 KiB response excerpt. */
  @Get(':id/attempts')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listWebhookAttempts' })
  @ApiProblems({ 400: ['REQUEST.INVALID_CURSOR'], 404: [ENDPOINT_NOT_FOUND] })
  attempts(
    @Param('id', parseId()) id: string,
    @Query() query: ListWebhookAttemptsRequest,
    @TenantCaller() actor: TenantActor,
  ): Promise<WebhookAttemptPageResponse> {
    return this.queries.execute(new ListWebhookAttemptsQuery(actor.tenantId, id, query.limit ?? 50, query.cursor));
  }
}

@ApiTags('webhooks')
@Controller('v1')
export class WebhookMessagesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The integration event types an endpoint can subscribe to. */
  @Get('webhook-event-types')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listWebhookEventTypes' })
  eventTypes(): WebhookEventTypesResponse {
    return { items: [...INTEGRATION_EVENT_TYPES] };
  }

  /** A message: the exact payload sent and its deliveries. `id` is its UUID or the `msg_…` `webhook-id` receivers got. */
  @Get('webhook-messages/:id')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getWebhookMessage' })
  @ApiParam(MESSAGE_ID_PARAMETER)
  @ApiProblems({ 400: [INVALID_MESSAGE_ID], 404: ['WEBHOOK.MESSAGE_NOT_FOUND'] })
  message(@Param('id', messageId) id: string, @TenantCaller() actor: TenantActor): Promise<WebhookMessageResponse> {
    return this.queries.execute(new GetWebhookMessageQuery(actor.tenantId, id));
  }

  /** Sends the message (UUID or `msg_…` webhook-id) again with the same `webhook-id`, as a new delivery with a fresh schedule. */
  @Post('webhook-messages/:id/replay')
  @HttpCode(202)
  @Roles('admin', 'integrator')
  @ApiOperation({ operationId: 'replayWebhookMessage' })
  @ApiParam(MESSAGE_ID_PARAMETER)
  @ApiProblems({ 400: [INVALID_MESSAGE_ID], 404: ['WEBHOOK.MESSAGE_NOT_FOUND', ENDPOINT_NOT_FOUND], 409: ['WEBHOOK.ENDPOINT_DISABLED', 'WEBHOOK.NO_RECEIVER: no enabled endpoint takes this event type'], 422: ['WEBHOOK.NOT_SUBSCRIBED: the endpoint does not take this event type'] })
  replay(@Param('id', messageId) id: string, @Body() body: ReplayWebhookMessageRequest, @TenantCaller() actor: TenantActor): Promise<ReplayedWebhookMessageResponse> {
    return this.commands.execute(new ReplayWebhookMessageCommand(id, body.endpointId, actor));
  }
}
