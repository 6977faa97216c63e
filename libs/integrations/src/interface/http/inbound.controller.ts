import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { TenantActor, TenantCaller } from '@ajar/access';
import { ApiProblems, parseId, PROBLEM_CONTENT_TYPE, Public, Roles, SecretInResponse } from '@ajar/http';
import type { SchemaObject } from '@ajar/http';
import { InboundWebhookReceiver } from '../../application/inbound-webhook-receiver';
import { CreateInboundIntegrationCommand } from '../../application/commands/create-inbound-integration/create-inbound-integration.command';
import { GetInboundLogQuery, ListInboundIntegrationsQuery } from '../../application/queries/inbound.queries';
import { CreateInboundIntegrationRequest, InboundLogRequest } from './dto/inbound.requests';
import { CreatedInboundIntegrationResponse, InboundIntegrationListResponse, InboundLogPageResponse } from './dto/integration.responses';

/** What the REST route the message stands for answers: the case's id, state and versions. */
const ACCEPTED_CASE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'state', 'caseVersion', 'version'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    state: { type: 'string' },
    caseVersion: { type: 'integer' },
    version: { type: 'integer', description: 'The case stream version (its ETag).' },
  },
};

/** The signed envelope; `data` is the body of the REST route the type stands for. */
const INBOUND_MESSAGE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'data'],
  properties: {
    type: { type: 'string', enum: ['case.submit.v1', 'case.amend.v1', 'case.disclosure.v1', 'case.withdraw.v1'] },
    data: { type: 'object', additionalProperties: true, description: 'The body of POST /v1/cases, PATCH /v1/cases/{id}, …/disclosures or …/withdrawal; `caseId` too for the last three.' },
  },
};

const READERS = ['admin', 'integrator', 'auditor'] as const;

@ApiTags('integrations')
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
  @ApiOperation({ operationId: 'createInboundIntegration' })
  create(@Body() body: CreateInboundIntegrationRequest, @TenantCaller() actor: TenantActor): Promise<CreatedInboundIntegrationResponse> {
    return this.commands.execute(new CreateInboundIntegrationCommand(body.name, actor));
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listInboundIntegrations', summary: 'The tenant\'s inbound integrations' })
  list(@TenantCaller() actor: TenantActor): Promise<InboundIntegrationListResponse> {
    return this.queries.execute(new ListInboundIntegrationsQuery(actor.tenantId));
  }

  /** What arrived from this integration and what became of it, newest first. */
  @Get(':id/inbound-log')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listInboundLog' })
  @ApiProblems({ 400: ['REQUEST.INVALID_CURSOR'], 404: ['INTEGRATION.NOT_FOUND'] })
  log(
    @Param('id', parseId()) id: string,
    @Query() query: InboundLogRequest,
    @TenantCaller() actor: TenantActor,
  ): Promise<InboundLogPageResponse> {
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
  @ApiOperation({ operationId: 'receiveInboundMessage' })
  @ApiHeader({ name: 'webhook-id', required: true, description: 'The message id; a redelivery with the same id gets the first answer.' })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds, within 5 minutes of now.' })
  @ApiHeader({ name: 'webhook-signature', required: true, description: '`v1,<base64 HMAC-SHA256>` over `id.timestamp.body` with the integration secret.' })
  @ApiBody({ schema: INBOUND_MESSAGE_SCHEMA })
  @ApiAcceptedResponse({ description: 'Accepted: the case as the REST route answers it.', schema: ACCEPTED_CASE_SCHEMA })
  @ApiProblems({
    401: ['INBOUND.SIGNATURE_MISSING', 'INBOUND.STALE_TIMESTAMP', 'INBOUND.BAD_SIGNATURE: also for an unknown or disabled integration'],
    404: ['CASE.NOT_FOUND'],
    409: ['INBOUND.IN_PROGRESS: the first delivery of this webhook-id is still being handled', 'CASE.ILLEGAL_TRANSITION'],
    422: ['CASE.INVALID_CONTENT'],
  })
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
