import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { ApiResponseOptions } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { NoFieldsPipe, parseId, PROBLEM_CONTENT_TYPE, ProblemException, Roles } from '@ajar/http';
import type { CaseContent } from '../../domain/case-content';
import { AdjudicateListHitCommand } from '../../application/commands/adjudicate-list-hit/adjudicate-list-hit.command';
import { AmendCaseCommand } from '../../application/commands/amend-case/amend-case.command';
import { FileDisclosureCommand } from '../../application/commands/file-disclosure/file-disclosure.command';
import { SubmitCaseCommand } from '../../application/commands/submit-case/submit-case.command';
import { WithdrawCaseCommand } from '../../application/commands/withdraw-case/withdraw-case.command';
import { RequestScreeningCommand } from '../../application/commands/request-screening/request-screening.command';
import type { CaseCommandResult } from '../../application/case-changes';
import { AssessmentView, GetAssessmentsQuery } from '../../application/queries/get-assessments.query';
import { GetCaseQuery } from '../../application/queries/get-case.query';
import { GetCaseTimelineQuery, TimelineEntry } from '../../application/queries/get-case-timeline.query';
import { CasePage, ListCasesQuery } from '../../application/queries/list-cases.query';
import type { CaseView } from '../../application/queries/case.view';
import { inlineDisclosures, toCaseContent, toDisclosure } from './case-request.mapper';
import { ListHitAdjudicationRequest } from './dto/adjudication.request';
import { CaseAmendmentRequest } from './dto/case-amendment.request';
import { CaseSubmissionRequest, WithdrawalRequest } from './dto/case-submission.request';
import { FileDisclosureRequest } from './dto/disclosure.dto';
import { ListCasesRequest } from './dto/list-cases.request';

const IF_MATCH_DOC = {
  name: 'If-Match',
  required: false,
  description: 'The ETag (case version) you read; if the case has changed since, the request is refused with 409.',
};

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

const IDEMPOTENCY_HEADER_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A retried request with the same key and body returns the first response; another body answers 422.',
};

/** An error answer in the OpenAPI document: RFC 9457 problem details. */
function problemResponse(description: string): ApiResponseOptions {
  return {
    description,
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            correlationId: { type: 'string' },
          },
        },
      },
    },
  };
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
@ApiBearerAuth()
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
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  submit(@Body() body: CaseSubmissionRequest, @TenantCaller() actor: TenantActor): Promise<CaseCommandResult> {
    const content = toCaseContent(body) as CaseContent;
    return this.commands.execute(new SubmitCaseCommand(actor.tenantId, content, inlineDisclosures(body.personnel), actor));
  }

  /** The tenant's cases, newest first, with filters and cursor pagination. */
  @Get()
  @Roles(...READERS)
  list(@Query() query: ListCasesRequest, @TenantCaller() actor: TenantActor): Promise<CasePage> {
    const { limit, cursor, ...filters } = query;
    return this.queries.execute(new ListCasesQuery(actor.tenantId, filters, limit ?? 25, cursor));
  }

  @Get(':id')
  @Roles(...READERS)
  async get(
    @Param('id', parseId()) id: string,
    @TenantCaller() actor: TenantActor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    const view = await this.queries.execute(new GetCaseQuery(actor.tenantId, id));
    response.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  /** Amends the case before a decision: a new case version; disclosures and screening start again. */
  @Patch(':id')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiHeader(IF_MATCH_DOC)
  amend(
    @Param('id', parseId()) id: string,
    @Body() body: CaseAmendmentRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
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
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiHeader(IF_MATCH_DOC)
  fileDisclosure(
    @Param('id', parseId()) id: string,
    @Body() body: FileDisclosureRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
    const expected = expectedVersionFrom(ifMatch);
    return this.commands.execute(new FileDisclosureCommand(actor.tenantId, id, body.personRef, toDisclosure(body), actor, expected));
  }

  /** Withdraws the case from any non-final state. */
  @Post(':id/withdrawal')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiHeader(IF_MATCH_DOC)
  withdraw(
    @Param('id', parseId()) id: string,
    @Body() body: WithdrawalRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
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
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiHeader(IF_MATCH_DOC)
  @ApiAcceptedResponse({ description: 'The case, in state `screening`: id, state, caseVersion and version.' })
  @ApiForbiddenResponse(problemResponse('AUTH.FORBIDDEN: only the rso and admin roles screen a case again.'))
  @ApiNotFoundResponse(problemResponse('CASE.NOT_FOUND: no such case in your tenant.'))
  @ApiConflictResponse(problemResponse('CASE.ILLEGAL_TRANSITION: the case is neither screening_failed nor in screening; STREAM.VERSION_CONFLICT: If-Match is not the current version.'))
  screenAgain(
    @Param('id', parseId()) id: string,
    @Body(NoFieldsPipe) _body: Record<string, never>,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
    const expected = expectedVersionFrom(ifMatch);
    return this.commands.execute(new RequestScreeningCommand(actor.tenantId, id, { reason: 'screening retried' }, actor, expected));
  }

  /** The case's assessments, newest first, each with the policy and list versions it used. */
  @Get(':id/assessments')
  @Roles(...ASSESSMENT_READERS)
  async assessments(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<{ items: AssessmentView[] }> {
    return { items: await this.queries.execute(new GetAssessmentsQuery(actor.tenantId, id, false)) };
  }

  /** The latest assessment; 404 while the case has none. */
  @Get(':id/assessments/latest')
  @Roles(...ASSESSMENT_READERS)
  async latestAssessment(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<AssessmentView> {
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
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiHeader(IF_MATCH_DOC)
  adjudicate(
    @Param('id', parseId()) id: string,
    @Param('hitId', parseId('hitId')) hitId: string,
    @Body() body: ListHitAdjudicationRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
    const expected = expectedVersionFrom(ifMatch);
    return this.commands.execute(new AdjudicateListHitCommand(actor.tenantId, id, hitId, body.decision, body.reason, actor, expected));
  }

  /** The case's timeline: every event, in order, with actor, correlation id and chain hash. */
  @Get(':id/events')
  @Roles(...ASSESSMENT_READERS)
  timeline(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<{ items: TimelineEntry[] }> {
    return this.queries.execute(new GetCaseTimelineQuery(actor.tenantId, id));
  }
}
