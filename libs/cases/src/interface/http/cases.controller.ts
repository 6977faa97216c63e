import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { ApiProblems, NoFieldsPipe, parseId, ProblemException, Roles } from '@ajar/http';
import type { CaseContent } from '../../domain/case-content';
import { AdjudicateListHitCommand } from '../../application/commands/adjudicate-list-hit/adjudicate-list-hit.command';
import { AmendCaseCommand } from '../../application/commands/amend-case/amend-case.command';
import { FileDisclosureCommand } from '../../application/commands/file-disclosure/file-disclosure.command';
import { SubmitCaseCommand } from '../../application/commands/submit-case/submit-case.command';
import { WithdrawCaseCommand } from '../../application/commands/withdraw-case/withdraw-case.command';
import { RequestScreeningCommand } from '../../application/commands/request-screening/request-screening.command';
import { GetAssessmentsQuery } from '../../application/queries/get-assessments.query';
import { GetCaseQuery } from '../../application/queries/get-case.query';
import { GetCaseTimelineQuery } from '../../application/queries/get-case-timeline.query';
import { ListCasesQuery } from '../../application/queries/list-cases.query';
import { inlineDisclosures, toCaseContent, toDisclosure } from './case-request.mapper';
import { ListHitAdjudicationRequest } from './dto/adjudication.request';
import { CaseAmendmentRequest } from './dto/case-amendment.request';
import { CaseSubmissionRequest, WithdrawalRequest } from './dto/case-submission.request';
import { FileDisclosureRequest } from './dto/disclosure.dto';
import { ListCasesRequest } from './dto/list-cases.request';
import { AssessmentListResponse, AssessmentResponse, CaseCommandResponse, CasePageResponse, CaseResponse, TimelineResponse } from './dto/case.responses';

const NOT_FOUND = 'CASE.NOT_FOUND: no such case in your tenant';
const SUBMISSION_EXAMPLE = {
  kind: 'collaboration',
  externalRef: 'GRANT-2026-0042',
  title: 'Photonic quantum sensors for medical imaging',
  abstract: 'Joint work on room-temperature quantum sensors.',
  keywords: ['quantum sensing', 'imaging'],
  technologyAreas: ['quantum', 'photonics'],
  exportControl: { relevant: false, classifications: [] },
  partners: [{ name: 'Acme Photonics B.V.', country: 'NL', type: 'company', identifiers: { lei: '724500Y6DUVHQD6OXN27' }, role: 'industry partner' }],
  fundingSources: [{ funder: { name: 'Dutch Research Council', country: 'NL' }, amount: 500000, currency: 'EUR', kind: 'grant' }],
  personnel: [{ ref: 'p1', name: 'Researcher 1', role: 'pi' }],
};

/** What a change to a case can be refused with, besides the route's own problems. */
const CASE_CHANGE_PROBLEMS = { 404: [NOT_FOUND], 409: ['CASE.ILLEGAL_TRANSITION: the case is not in a state that allows this'] } as const;

/** `If-Match: "7"` → 7. Optimistic concurrency chosen by the client; absent means "whatever is current". */
export function expectedVersionFrom(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ProblemException(400, 'REQUEST.INVALID_IF_MATCH', 'Invalid If-Match', 'If-Match must be the ETag of the case, e.g. "7".', [
      { field: 'If-Match', reason: 'must be the ETag of the case, e.g. "7"' },
    ]);
  }
  return Number(match[1]);
}

/** Who works with case content: applicants, integrators and the research office. */
const WRITERS = ['applicant', 'integrator', 'rso'] as const;
/**
 * Who may read cases of the tenant. `national_advisor` is listed so that its reads answer 404 like
 * any other tenant's: its keys live in an advisory body's tenant, which owns no cases (the role is
 * refused elsewhere), and it reads only the minimised package of an escalation addressed to it.
 */
const READERS = ['admin', 'rso', 'approver', 'applicant', 'ethics_committee', 'auditor', 'integrator', 'national_advisor'] as const;

/** Findings name organisations and rules; read by the research office, approvers and auditors. */
export const ASSESSMENT_READERS = ['admin', 'rso', 'approver', 'auditor', 'ethics_committee', 'integrator', 'national_advisor'] as const;

@ApiTags('cases')
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Submits a case. Answers 202 with its id and state; screening happens asynchronously. */
  @Post()
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiOperation({ operationId: 'submitCase', summary: 'Submit a case' })
  @ApiBody({ type: CaseSubmissionRequest, examples: { collaboration: { summary: 'A collaboration with an industry partner', value: SUBMISSION_EXAMPLE } } })
  @ApiProblems({ 404: ['CALL.NOT_FOUND: no such call in your tenant'], 422: ['CASE.INVALID_CONTENT: the content breaks a rule of the case (see `errors`)'] })
  submit(@Body() body: CaseSubmissionRequest, @TenantCaller() actor: TenantActor): Promise<CaseCommandResponse> {
    const content = toCaseContent(body) as CaseContent;
    return this.commands.execute(new SubmitCaseCommand(actor.tenantId, content, inlineDisclosures(body.personnel), actor));
  }

  /** The tenant's cases, newest first, with filters and cursor pagination. */
  @Get()
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listCases' })
  @ApiProblems({ 400: ['REQUEST.INVALID_CURSOR: the cursor is not one this list gave'] })
  list(@Query() query: ListCasesRequest, @TenantCaller() actor: TenantActor): Promise<CasePageResponse> {
    const { limit, cursor, ...filters } = query;
    return this.queries.execute(new ListCasesQuery(actor.tenantId, filters, limit ?? 25, cursor));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getCase', summary: 'Read a case' })
  @ApiOkResponse({
    type: CaseResponse,
    headers: { ETag: { description: 'The case stream version, e.g. `"7"`: send it as `If-Match` to change the case only if it is unchanged.', schema: { type: 'string' } } },
  })
  @ApiProblems({ 404: [NOT_FOUND] })
  async get(
    @Param('id', parseId()) id: string,
    @TenantCaller() actor: TenantActor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseResponse> {
    const view = await this.queries.execute(new GetCaseQuery(actor.tenantId, id));
    response.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  /** Amends the case before a decision: a new case version; disclosures and screening start again. */
  @Patch(':id')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiOperation({ operationId: 'amendCase' })
  @ApiProblems({ ...CASE_CHANGE_PROBLEMS, 422: ['CASE.INVALID_CONTENT: the amended content breaks a rule of the case'] })
  amend(
    @Param('id', parseId()) id: string,
    @Body() body: CaseAmendmentRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    const { note, ...changes } = body;
    const expected = expectedVersionFrom(ifMatch);
    return this.commands.execute(
      new AmendCaseCommand(actor.tenantId, id, toCaseContent(changes), inlineDisclosures(body.personnel), note, actor, expected),
    );
  }

  /** One listed person's certified disclosure for the current case version. */
  @Post(':id/disclosures')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiOperation({ operationId: 'fileDisclosure' })
  @ApiProblems({ ...CASE_CHANGE_PROBLEMS, 409: [...CASE_CHANGE_PROBLEMS[409], 'CASE.DISCLOSURE_ALREADY_FILED: this person has filed for this case version'], 422: ['CASE.INVALID_CONTENT: personRef is not a listed person'] })
  fileDisclosure(
    @Param('id', parseId()) id: string,
    @Body() body: FileDisclosureRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    const expected = expectedVersionFrom(ifMatch);
    return this.commands.execute(new FileDisclosureCommand(actor.tenantId, id, body.personRef, toDisclosure(body), actor, expected));
  }

  /** Withdraws the case from any non-final state. */
  @Post(':id/withdrawal')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiOperation({ operationId: 'withdrawCase' })
  @ApiProblems(CASE_CHANGE_PROBLEMS)
  withdraw(
    @Param('id', parseId()) id: string,
    @Body() body: WithdrawalRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    const expected = expectedVersionFrom(ifMatch);
    return this.commands.execute(new WithdrawCaseCommand(actor.tenantId, id, body.reason, actor, expected));
  }

  /**
   * Screens again a case whose screening failed (state `screening_failed`, the failure in
   * `workflow.screeningFailure`), once its cause is fixed: `ScreeningRequested` and a new
   * screening job. Idempotent: while the case is in screening it answers the case as it is and
   * queues nothing more. Any other state: 409 `CASE.ILLEGAL_TRANSITION`.
   */
  @Post(':id/screening')
  @HttpCode(202)
  @Roles('rso', 'admin')
  @ApiOperation({ operationId: 'screenCaseAgain' })
  @ApiProblems({ 404: [NOT_FOUND], 409: ['CASE.ILLEGAL_TRANSITION: the case is neither screening_failed nor in screening'] })
  screenAgain(
    @Param('id', parseId()) id: string,
    @Body(NoFieldsPipe) _body: Record<string, never>,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    const expected = expectedVersionFrom(ifMatch);
    return this.commands.execute(new RequestScreeningCommand(actor.tenantId, id, { reason: 'screening retried' }, actor, expected));
  }

  /** The case's assessments, newest first, each with the policy and list versions it used. */
  @Get(':id/assessments')
  @Roles(...ASSESSMENT_READERS)
  @ApiOperation({ operationId: 'listAssessments' })
  @ApiProblems({ 404: [NOT_FOUND] })
  async assessments(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<AssessmentListResponse> {
    return { items: await this.queries.execute(new GetAssessmentsQuery(actor.tenantId, id, false)) };
  }

  /** The latest assessment; 404 while the case has none. */
  @Get(':id/assessments/latest')
  @Roles(...ASSESSMENT_READERS)
  @ApiOperation({ operationId: 'getLatestAssessment' })
  @ApiProblems({ 404: [NOT_FOUND, 'ASSESSMENT.NOT_FOUND: the case has no assessment yet'] })
  async latestAssessment(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<AssessmentResponse> {
    const [latest] = await this.queries.execute(new GetAssessmentsQuery(actor.tenantId, id, true));
    return latest;
  }

  /**
   * A research security officer's decision on a list hit of the latest assessment. The case is
   * screened again with it: a confirmed hit raises the counterparty level; a false positive stays
   * cleared for that subject and list entry until the entry changes in a later list version.
   */
  @Post(':id/list-hits/:hitId/adjudication')
  @HttpCode(202)
  @Roles('rso')
  @ApiOperation({ operationId: 'adjudicateListHit' })
  @ApiProblems({ 404: [NOT_FOUND, 'LIST_HIT.NOT_FOUND: no such hit in the latest assessment'], 409: [...CASE_CHANGE_PROBLEMS[409]], 422: ['LIST_HIT.NOT_A_LIST_HIT: the finding is not a list hit'] })
  adjudicate(
    @Param('id', parseId()) id: string,
    @Param('hitId', parseId('hitId')) hitId: string,
    @Body() body: ListHitAdjudicationRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    const expected = expectedVersionFrom(ifMatch);
    return this.commands.execute(new AdjudicateListHitCommand(actor.tenantId, id, hitId, body.decision, body.reason, actor, expected));
  }

  /** The case's timeline: every event, in order, with actor, correlation id and chain hash. */
  @Get(':id/events')
  @Roles(...ASSESSMENT_READERS)
  @ApiOperation({ operationId: 'listCaseEvents' })
  @ApiProblems({ 404: [NOT_FOUND] })
  timeline(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<TimelineResponse> {
    return this.queries.execute(new GetCaseTimelineQuery(actor.tenantId, id));
  }
}
