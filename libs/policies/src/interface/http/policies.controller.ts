import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { POLICY_DOCUMENT_SCHEMA } from '@ajar/appraisal';
import { ApiProblems, parseId, ProblemException, Roles } from '@ajar/http';
import { OpenCallCommand } from '../../application/commands/open-call/open-call.command';
import { PublishPolicyVersionCommand } from '../../application/commands/publish-policy-version/publish-policy-version.command';
import { GetCallQuery } from '../../application/queries/get-call.query';
import { GetPolicyQuery } from '../../application/queries/get-policy.query';
import { OpenCallRequest, POLICY_NAME } from './dto/open-call.request';
import { CallResponse, PolicyResponse, PublishedPolicyVersionResponse } from './dto/policy.responses';

const POLICY_NAME_PARAMETER = {
  name: 'name',
  description: 'The policy name: lower-case letters, digits, ".", "_" or "-" (at most 80).',
  schema: { type: 'string', pattern: POLICY_NAME.source, examples: ['default'] },
} as const;

function policyName(name: string): string {
  if (!POLICY_NAME.test(name)) {
    throw new ProblemException(400, 'REQUEST.INVALID_POLICY_NAME', 'Invalid policy name', 'name must be lower-case letters, digits, ".", "_" or "-" (at most 80).', [
      { field: 'name', reason: 'must be lower-case letters, digits, ".", "_" or "-" (at most 80)' },
    ]);
  }
  return name;
}

@ApiTags('policies')
@Controller('v1')
export class PoliciesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /**
   * Publishes the next version of a policy: a JSON document merged over the default policy and
   * checked against the engine's schema and guardrails (no person attribute such as nationality,
   * country context never above medium, no F rule disabled). Versions are immutable.
   */
  @Put('policies/:name')
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({ description: 'The policy document (packs, rules, thresholds, matrix, routing, responseWindowDays, slaDays, …)', schema: { type: 'object', additionalProperties: true, description: 'Checked against the JSON Schema at GET /v1/policy-schema.' } })
  @ApiOperation({ operationId: 'publishPolicyVersion' })
  @ApiParam(POLICY_NAME_PARAMETER)
  @ApiProblems({ 400: ['REQUEST.INVALID_POLICY_NAME'], 422: ['POLICY.INVALID: the merged policy breaks the schema or a guardrail (see `errors`)'] })
  publish(@Param('name') name: string, @Body() document: Record<string, unknown>, @TenantCaller() actor: TenantActor): Promise<PublishedPolicyVersionResponse> {
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new ProblemException(400, 'REQUEST.VALIDATION_FAILED', 'The request is not valid', 'The policy must be a JSON object.', [
        { field: '/', reason: 'must be a JSON object' },
      ]);
    }
    return this.commands.execute(new PublishPolicyVersionCommand(actor.tenantId, policyName(name), document, actor));
  }

  /** The published JSON Schema every policy document is checked against. */
  @Get('policy-schema')
  @Roles('admin', 'rso', 'approver', 'auditor', 'integrator')
  @ApiOperation({ operationId: 'getPolicySchema' })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true, description: 'A JSON Schema (draft 2020-12).' } })
  schema(): typeof POLICY_DOCUMENT_SCHEMA {
    return POLICY_DOCUMENT_SCHEMA;
  }

  /** The current version of a policy (as submitted and as the engine runs it) and its history. */
  @Get('policies/:name')
  @Roles('admin', 'rso', 'approver', 'auditor')
  @ApiOperation({ operationId: 'getPolicy' })
  @ApiParam(POLICY_NAME_PARAMETER)
  @ApiProblems({ 400: ['REQUEST.INVALID_POLICY_NAME'], 404: ['POLICY.NOT_FOUND'] })
  get(@Param('name') name: string, @TenantCaller() actor: TenantActor): Promise<PolicyResponse> {
    return this.queries.execute(new GetPolicyQuery(actor.tenantId, policyName(name)));
  }

  /** Opens a funder call bound to a policy version. */
  @Post('calls')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ operationId: 'openCall' })
  @ApiProblems({ 422: ['CALL.UNKNOWN_POLICY_VERSION: no such published version of the policy'] })
  openCall(@Body() body: OpenCallRequest, @TenantCaller() actor: TenantActor): Promise<CallResponse> {
    return this.commands.execute(new OpenCallCommand(actor.tenantId, body.title, body.externalRef, body.policy.name, body.policy.version, actor));
  }

  @Get('calls/:id')
  @Roles('admin', 'rso', 'approver', 'auditor', 'integrator', 'applicant')
  @ApiOperation({ operationId: 'getCall', summary: 'Read a funder call' })
  @ApiProblems({ 404: ['CALL.NOT_FOUND'] })
  getCall(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<CallResponse> {
    return this.queries.execute(new GetCallQuery(actor.tenantId, id));
  }
}
