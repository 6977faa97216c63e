import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { NoFieldsPipe, parseId, Roles } from '@ajar/http';
import type { CaseCommandResult } from '../../application/case-changes';
import { ApproveDecisionCommand } from '../../application/commands/approve-decision/approve-decision.command';
import { AssignReviewerCommand } from '../../application/commands/assign-reviewer/assign-reviewer.command';
import { DecideAppealCommand } from '../../application/commands/decide-appeal/decide-appeal.command';
import { DecideCaseCommand } from '../../application/commands/decide-case/decide-case.command';
import { LodgeAppealCommand } from '../../application/commands/lodge-appeal/lodge-appeal.command';
import { RecordSecurityJudgementCommand } from '../../application/commands/record-security-judgement/record-security-judgement.command';
import { RespondToDecisionCommand } from '../../application/commands/respond-to-decision/respond-to-decision.command';
import { GetReviewTasksQuery, type ReviewTasksView } from '../../application/queries/get-review-tasks.query';
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
@ApiBearerAuth()
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
  tasks(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<ReviewTasksView> {
    return this.queries.execute(new GetReviewTasksQuery(actor.tenantId, id));
  }

  /** Assigns the reviewer: an API key of this tenant with the rso role. */
  @Post('review-assignment')
  @HttpCode(200)
  @Roles('rso', 'admin')
  assign(
    @Param('id', parseId()) id: string,
    @Body() body: ReviewAssignmentRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
    return this.commands.execute(new AssignReviewerCommand(actor.tenantId, id, body.reviewerKeyId, actor, expectedVersionFrom(ifMatch)));
  }

  /** The assigned reviewer's RS-T-008 judgement; required before any decision on an R2/R3 case. */
  @Post('security-judgement')
  @HttpCode(200)
  @Roles('rso')
  judge(
    @Param('id', parseId()) id: string,
    @Body() body: SecurityJudgementRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
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
  decide(
    @Param('id', parseId()) id: string,
    @Body() body: DecisionRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult & { decisionId: string }> {
    return this.commands.execute(
      new DecideCaseCommand(actor.tenantId, id, body.outcome, body.reasonCodes, body.rationale, body.conditions ?? [], actor, expectedVersionFrom(ifMatch)),
    );
  }

  /** Four-eyes: a second approver, neither the proposer nor the reviewer, confirms the decision. */
  @Post('decision/approval')
  @HttpCode(200)
  @Roles('approver')
  approve(
    @Param('id', parseId()) id: string,
    @Body(NoFieldsPipe) _body: Record<string, never>,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
    return this.commands.execute(new ApproveDecisionCommand(actor.tenantId, id, actor, expectedVersionFrom(ifMatch)));
  }

  /** The applicant answers an adverse decision within its response window. */
  @Post('decision/response')
  @HttpCode(200)
  @Roles('applicant', 'integrator')
  respond(
    @Param('id', parseId()) id: string,
    @Body() body: DecisionResponseRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
    return this.commands.execute(new RespondToDecisionCommand(actor.tenantId, id, body.response, actor, expectedVersionFrom(ifMatch)));
  }

  /** Appeals a final adverse decision within the appeal window. */
  @Post('appeal')
  @HttpCode(200)
  @Roles('applicant', 'integrator')
  appeal(
    @Param('id', parseId()) id: string,
    @Body() body: AppealRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult & { appealId: string }> {
    return this.commands.execute(new LodgeAppealCommand(actor.tenantId, id, body.grounds, actor, expectedVersionFrom(ifMatch)));
  }

  /** An approver who took no part in the decision decides the appeal. */
  @Post('appeal/decision')
  @HttpCode(200)
  @Roles('approver')
  decideAppeal(
    @Param('id', parseId()) id: string,
    @Body() body: AppealDecisionRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
    return this.commands.execute(new DecideAppealCommand(actor.tenantId, id, body.result, body.rationale, actor, expectedVersionFrom(ifMatch)));
  }
}
