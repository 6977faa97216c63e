import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { ApiProblems, NoFieldsPipe, parseId, Roles } from '@ajar/http';
import { ApproveDecisionCommand } from '../../application/commands/approve-decision/approve-decision.command';
import { AssignReviewerCommand } from '../../application/commands/assign-reviewer/assign-reviewer.command';
import { DecideAppealCommand } from '../../application/commands/decide-appeal/decide-appeal.command';
import { DecideCaseCommand } from '../../application/commands/decide-case/decide-case.command';
import { LodgeAppealCommand } from '../../application/commands/lodge-appeal/lodge-appeal.command';
import { RecordSecurityJudgementCommand } from '../../application/commands/record-security-judgement/record-security-judgement.command';
import { RespondToDecisionCommand } from '../../application/commands/respond-to-decision/respond-to-decision.command';
import { GetReviewTasksQuery } from '../../application/queries/get-review-tasks.query';
import { CASE_NOT_FOUND, caseChangeProblems } from './case-problems';
import { AppealLodgedResponse, CaseCommandResponse, DecisionProposedResponse } from './dto/case.responses';
import { ReviewTasksResponse } from './dto/case.responses';
import { ASSESSMENT_READERS, expectedVersionFrom } from './cases.controller';
import {
  AppealDecisionRequest,
  AppealRequest,
  DecisionRequest,
  DecisionResponseRequest,
  ReviewAssignmentRequest,
  SecurityJudgementRequest,
} from './dto/review.requests';

/** Review, decision with four-eyes, the applicant's response window, and appeal (RS-F-004). */
@ApiTags('review and decision')
@Controller('v1/cases/:id')
export class CaseReviewController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /**
   * What is left to do on the case: assign the reviewer, adjudicate each undecided list hit, the
   * RS-T-008 judgement, open questions to the applicant and advisors, the plan and its measures,
   * then the decision, its approval, the response window and the appeal. Each task names the
   * roles that do it, its due time and whether the decision waits for it.
   */
  @Get('review-tasks')
  @Roles(...ASSESSMENT_READERS)
  @ApiOperation({ operationId: 'listCaseReviewTasks' })
  @ApiProblems({ 404: [CASE_NOT_FOUND] })
  tasks(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<ReviewTasksResponse> {
    return this.queries.execute(new GetReviewTasksQuery(actor.tenantId, id));
  }

  /** Assigns the reviewer: an API key of this tenant with the rso role. */
  @Post('review-assignment')
  @HttpCode(200)
  @Roles('rso', 'admin')
  @ApiOperation({ operationId: 'assignReviewer' })
  @ApiProblems(caseChangeProblems({ 422: ['REVIEW.UNKNOWN_REVIEWER: not an active rso key of this tenant'] }))
  assign(
    @Param('id', parseId()) id: string,
    @Body() body: ReviewAssignmentRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    return this.commands.execute(new AssignReviewerCommand(actor.tenantId, id, body.reviewerKeyId, actor, expectedVersionFrom(ifMatch)));
  }

  /** The assigned reviewer's RS-T-008 judgement; required before any decision on an R2/R3 case. */
  @Post('security-judgement')
  @HttpCode(200)
  @Roles('rso')
  @ApiOperation({ operationId: 'recordSecurityJudgement' })
  @ApiProblems(caseChangeProblems({ 403: ['REVIEW.NOT_THE_REVIEWER: only the assigned reviewer judges'], 409: ['REVIEW.NO_REVIEWER: no reviewer is assigned'] }))
  judge(
    @Param('id', parseId()) id: string,
    @Body() body: SecurityJudgementRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    return this.commands.execute(new RecordSecurityJudgementCommand(actor.tenantId, id, body.foreseeableApplication, body.rationale, actor, expectedVersionFrom(ifMatch)));
  }

  /**
   * An approver decides. Adverse outcomes (`not_eligible`, `declined`) and cases at `high` or above
   * wait for a second approver (`POST …/decision/approval`); adverse outcomes then open the
   * applicant's response window before they are final.
   */
  @Post('decision')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ operationId: 'decideCase' })
  @ApiProblems(
    caseChangeProblems({
      409: [
        'DECISION.ALREADY_PROPOSED',
        'DECISION.JUDGEMENT_REQUIRED: an R2/R3 case needs the RS-T-008 judgement first',
        'DECISION.ESCALATION_OPEN',
        'DECISION.INFORMATION_PENDING',
        'DECISION.LIST_HITS_PENDING',
        'DECISION.NO_AGREED_PLAN',
        'DECISION.RESIDUAL_PENDING',
      ],
      422: ['DECISION.NO_ELIGIBILITY_BASIS', 'DECISION.BLOCKED: a blocked case cannot proceed', 'DECISION.REASONS_REQUIRED'],
    }),
  )
  decide(
    @Param('id', parseId()) id: string,
    @Body() body: DecisionRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<DecisionProposedResponse> {
    return this.commands.execute(
      new DecideCaseCommand(actor.tenantId, id, body.outcome, body.reasonCodes, body.rationale, body.conditions ?? [], actor, expectedVersionFrom(ifMatch)),
    );
  }

  /** Four-eyes: a second approver, neither the proposer nor the reviewer, confirms the decision. */
  @Post('decision/approval')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ operationId: 'approveDecision' })
  @ApiProblems(caseChangeProblems({ 403: ['DECISION.FOUR_EYES: the proposer or the reviewer cannot approve'], 409: ['DECISION.NOTHING_TO_APPROVE'] }))
  approve(
    @Param('id', parseId()) id: string,
    @Body(NoFieldsPipe) _body: Record<string, never>,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    return this.commands.execute(new ApproveDecisionCommand(actor.tenantId, id, actor, expectedVersionFrom(ifMatch)));
  }

  /** The applicant answers an adverse decision within its response window. */
  @Post('decision/response')
  @HttpCode(200)
  @Roles('applicant', 'integrator')
  @ApiOperation({ operationId: 'respondToDecision' })
  @ApiProblems(caseChangeProblems({ 409: ['DECISION.NO_RESPONSE_WINDOW', 'DECISION.RESPONSE_WINDOW_CLOSED', 'DECISION.ALREADY_RESPONDED'] }))
  respond(
    @Param('id', parseId()) id: string,
    @Body() body: DecisionResponseRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    return this.commands.execute(new RespondToDecisionCommand(actor.tenantId, id, body.response, actor, expectedVersionFrom(ifMatch)));
  }

  /** Appeals a final adverse decision within the appeal window. */
  @Post('appeal')
  @HttpCode(200)
  @Roles('applicant', 'integrator')
  @ApiOperation({ operationId: 'lodgeAppeal' })
  @ApiProblems(caseChangeProblems({ 409: ['APPEAL.NOTHING_TO_APPEAL', 'APPEAL.WINDOW_CLOSED', 'APPEAL.ALREADY_LODGED'] }))
  appeal(
    @Param('id', parseId()) id: string,
    @Body() body: AppealRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AppealLodgedResponse> {
    return this.commands.execute(new LodgeAppealCommand(actor.tenantId, id, body.grounds, actor, expectedVersionFrom(ifMatch)));
  }

  /** An approver who took no part in the decision decides the appeal. */
  @Post('appeal/decision')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ operationId: 'decideAppeal' })
  @ApiProblems(caseChangeProblems({ 403: ['APPEAL.NOT_INDEPENDENT: the approver took part in the decision'], 409: ['APPEAL.NONE_OPEN'] }))
  decideAppeal(
    @Param('id', parseId()) id: string,
    @Body() body: AppealDecisionRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    return this.commands.execute(new DecideAppealCommand(actor.tenantId, id, body.result, body.rationale, actor, expectedVersionFrom(ifMatch)));
  }
}
