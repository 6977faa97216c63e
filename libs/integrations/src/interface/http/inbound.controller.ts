import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { TenantActor, TenantCaller } from '@ajar/access';
import { parseId, PROBLEM_CONTENT_TYPE, Public, Roles, SecretInResponse } from '@ajar/http';
import { InboundWebhookReceiver } from '../../application/inbound-webhook-receiver';
import { CreatedInboundIntegration, CreateInboundIntegrationCommand } from '../../application/commands/create-inbound-integration/create-inbound-integration.command';
import { GetInboundLogQuery, InboundIntegrationView, InboundLogEntry, ListInboundIntegrationsQuery } from '../../application/queries/inbound.queries';
import { CreateInboundIntegrationRequest, InboundLogRequest } from './dto/inbound.requests';

const READERS = ['admin', 'integrator', 'auditor'] as const;

@ApiTags('integrations')
@ApiBearerAuth()
@Controller('v1/integrations')
export class InboundIntegrationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Registers a system that pushes signed messages; its `whsec_…` secret is shown once. */
  @Post()
  @HttpCode(201)
  @Roles('admin')
  @SecretInResponse('secret')
  create(@Body() body: CreateInboundIntegrationRequest, @TenantCaller() actor: TenantActor): Promise<CreatedInboundIntegration> {
    return this.commands.execute(new CreateInboundIntegrationCommand(body.name, actor));
  }

  @Get()
  @Roles(...READERS)
  list(@TenantCaller() actor: TenantActor): Promise<{ items: InboundIntegrationView[] }> {
    return this.queries.execute(new ListInboundIntegrationsQuery(actor.tenantId));
  }

  /** What arrived from this integration and what became of it, newest first. */
  @Get(':id/inbound-log')
  @Roles(...READERS)
  log(
    @Param('id', parseId()) id: string,
    @Query() query: InboundLogRequest,
    @TenantCaller() actor: TenantActor,
  ): Promise<{ items: InboundLogEntry[]; nextCursor: string | null }> {
    return this.queries.execute(new GetInboundLogQuery(actor.tenantId, id, query.limit ?? 50, query.cursor));
  }
}

@ApiTags('integrations')
@Controller('v1/inbound')
export class InboundWebhooksController {
  constructor(private readonly receiver: InboundWebhookReceiver) {}

  /**
   * A signed message from a registered integration (Standard Webhooks: `webhook-id`,
   * `webhook-timestamp` within 5 minutes, `webhook-signature` with the integration's secret).
   * Body: `{ "type": "case.submit.v1" | "case.amend.v1" | "case.disclosure.v1" | "case.withdraw.v1",
   * "data": … }` — `data` is the body of the REST route it stands for, plus `caseId` for the last
   * three. A redelivery of the same `webhook-id` gets the first answer (`Idempotent-Replayed: true`).
   * Authenticated by the signature, not by an API key.
   */
  @Post(':integrationId')
  @Public()
  @ApiHeader({ name: 'webhook-id', required: true })
  @ApiHeader({ name: 'webhook-timestamp', required: true })
  @ApiHeader({ name: 'webhook-signature', required: true })
  async receive(
    @Param('integrationId', parseId('integrationId')) integrationId: string,
    @Req() request: Request & { rawBody?: Buffer },
    @Res() response: Response,
  ): Promise<void> {
    const answer = await this.receiver.receive(integrationId, request.rawBody, request.headers, request.originalUrl);
    for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
    if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response
      .status(answer.status)
      .type(answer.status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json')
      .send(JSON.stringify(answer.body));
  }
}
