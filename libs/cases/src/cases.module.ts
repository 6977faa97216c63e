import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PolicyCatalogue, PolicyCatalogueModule } from '@ajar/policies';
import { ReferenceIndexModule } from '@ajar/reference-lists';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorDirectoryModule } from '@ajar/access';
import { CaseChanges } from './application/case-changes';
import { AssessmentQueryService } from './infrastructure/assessment.query-service';
import { AssessmentRepository } from './infrastructure/assessment.repository';
import { CaseDeadlineRepository } from './infrastructure/case-deadline.repository';
import { CaseEscalationQueryService } from './infrastructure/case-escalation.query-service';
import { CaseRegisterQueryService } from './infrastructure/case-register.query-service';
import { CaseQueryService } from './infrastructure/case.query-service';
import { CaseRepository } from './infrastructure/case.repository';
import { ScreeningBacklogQueryService } from './infrastructure/screening-backlog.query-service';
import { ScreeningMetrics } from './infrastructure/screening-metrics';
import { CaseDeadlinesProjection } from './infrastructure/projections/case-deadlines.projection';
import { CaseEscalationsProjection } from './infrastructure/projections/case-escalations.projection';
import { CaseNoticesProjection } from './infrastructure/projections/case-notices.projection';
import { AdjudicateListHitHandler } from './application/commands/adjudicate-list-hit/adjudicate-list-hit.handler';
import { AmendCaseHandler } from './application/commands/amend-case/amend-case.handler';
import { FileDisclosureHandler } from './application/commands/file-disclosure/file-disclosure.handler';
import { SubmitCaseHandler } from './application/commands/submit-case/submit-case.handler';
import { WithdrawCaseHandler } from './application/commands/withdraw-case/withdraw-case.handler';
import { RecordScreeningFailureHandler } from './application/commands/record-screening-failure/record-screening-failure.handler';
import { RequestScreeningHandler } from './application/commands/request-screening/request-screening.handler';
import { ApproveDecisionHandler } from './application/commands/approve-decision/approve-decision.handler';
import { AssignReviewerHandler } from './application/commands/assign-reviewer/assign-reviewer.handler';
import { DecideAppealHandler } from './application/commands/decide-appeal/decide-appeal.handler';
import { DecideCaseHandler } from './application/commands/decide-case/decide-case.handler';
import { LodgeAppealHandler } from './application/commands/lodge-appeal/lodge-appeal.handler';
import { RecordSecurityJudgementHandler } from './application/commands/record-security-judgement/record-security-judgement.handler';
import { RespondToDecisionHandler } from './application/commands/respond-to-decision/respond-to-decision.handler';
import { DecisionPolicy } from './application/decision-policy';
import { OpenCalls } from './application/open-calls';
import { AgreeMitigationPlanHandler } from './application/commands/agree-mitigation-plan/agree-mitigation-plan.handler';
import { AnswerInformationRequestHandler } from './application/commands/answer-information-request/answer-information-request.handler';
import { CompleteMeasureHandler } from './application/commands/complete-measure/complete-measure.handler';
import { ProposeMitigationPlanHandler } from './application/commands/propose-mitigation-plan/propose-mitigation-plan.handler';
import { RaiseEscalationHandler } from './application/commands/raise-escalation/raise-escalation.handler';
import { RecordAdviceHandler } from './application/commands/record-advice/record-advice.handler';
import { RequestInformationHandler } from './application/commands/request-information/request-information.handler';
import { WithdrawEscalationHandler } from './application/commands/withdraw-escalation/withdraw-escalation.handler';
import { GetEscalationHandler } from './application/queries/get-escalation.query';
import { ListEscalationsHandler } from './application/queries/list-escalations.query';
import { CaseEscalationController, CaseMonitoringController, EscalationsController } from './interface/http/case-escalation.controller';
import { ReportChangeOfCircumstancesHandler } from './application/commands/report-change-of-circumstances/report-change-of-circumstances.handler';
import { CaseMitigationController } from './interface/http/case-mitigation.controller';
import { DeadlineProcessor } from './infrastructure/jobs/deadline.processor';
import { DeadlineSweeper } from './infrastructure/jobs/deadline-sweeper';
import { GetAssessmentsHandler } from './application/queries/get-assessments.query';
import { GetCaseHandler } from './application/queries/get-case.query';
import { GetReviewTasksHandler } from './application/queries/get-review-tasks.query';
import { ListReviewTasksHandler } from './application/queries/list-review-tasks.query';
import { ReviewTasksController } from './interface/http/review-tasks.controller';
import { GetCaseTimelineHandler } from './application/queries/get-case-timeline.query';
import { ListCasesHandler } from './application/queries/list-cases.query';
import { GetDecisionLetterHandler } from './application/queries/get-decision-letter.query';
import { CountRegisterHandler, ListRegisterHandler } from './application/queries/list-register.query';
import { AppraisalProcessor } from './infrastructure/jobs/appraisal.processor';
import { ListMonitoringProcessor } from './infrastructure/jobs/list-monitoring.processor';
import { CaseOrmEntity } from './infrastructure/persistence/case.orm-entity';
import { AssessmentOrmEntity } from './infrastructure/persistence/assessment.orm-entity';
import { CaseDeadlineOrmEntity } from './infrastructure/persistence/case-deadline.orm-entity';
import { CaseEscalationOrmEntity } from './infrastructure/persistence/case-escalation.orm-entity';
import { CasesController } from './interface/http/cases.controller';
import { CaseReviewController } from './interface/http/case-review.controller';
import { CaseRecordsController } from './interface/http/case-records.controller';
import { RegisterController } from './interface/http/register.controller';
import { CaseRequestIntake } from './interface/inbound/case-request-intake';

const entities = TypeOrmModule.forFeature([CaseOrmEntity, AssessmentOrmEntity, CaseDeadlineOrmEntity, CaseEscalationOrmEntity]);

/** The case repository with its projection steps, and the read models both processes use. */
const persistence = [
  CaseRepository,
  { provide: CaseChanges, useExisting: CaseRepository },
  CaseEscalationsProjection,
  CaseDeadlinesProjection,
  CaseNoticesProjection,
  CaseQueryService,
  // Both processes publish the screening backlog, so it is seen while either is up.
  ScreeningBacklogQueryService,
  ScreeningMetrics,
];

/** Case intake and lifecycle over HTTP. Imported by apps/api only. */
@Module({
  imports: [CqrsModule, entities, PolicyCatalogueModule, ActorDirectoryModule],
  controllers: [CasesController, CaseReviewController, CaseEscalationController, CaseMonitoringController, EscalationsController, CaseMitigationController, CaseRecordsController, RegisterController, ReviewTasksController],
  providers: [
    ...persistence,
    AssessmentQueryService,
    CaseEscalationQueryService,
    CaseRegisterQueryService,
    { provide: OpenCalls, useExisting: PolicyCatalogue },
    DecisionPolicy,
    AssignReviewerHandler,
    RecordSecurityJudgementHandler,
    DecideCaseHandler,
    ApproveDecisionHandler,
    RespondToDecisionHandler,
    LodgeAppealHandler,
    DecideAppealHandler,
    RaiseEscalationHandler,
    ReportChangeOfCircumstancesHandler,
    WithdrawEscalationHandler,
    RecordAdviceHandler,
    RequestInformationHandler,
    AnswerInformationRequestHandler,
    ProposeMitigationPlanHandler,
    AgreeMitigationPlanHandler,
    CompleteMeasureHandler,
    GetEscalationHandler,
    ListEscalationsHandler,
    SubmitCaseHandler,
    AmendCaseHandler,
    FileDisclosureHandler,
    WithdrawCaseHandler,
    RequestScreeningHandler,
    AdjudicateListHitHandler,
    GetCaseHandler,
    GetReviewTasksHandler,
    ListReviewTasksHandler,
    ListCasesHandler,
    GetDecisionLetterHandler,
    ListRegisterHandler,
    CountRegisterHandler,
    GetCaseTimelineHandler,
    GetAssessmentsHandler,
    CaseRequestIntake,
  ],
  exports: [CaseRequestIntake],
})
export class CasesHttpModule {}

/** The case context's queue consumers. Imported by apps/worker only. */
@Module({
  imports: [CqrsModule, entities, PolicyCatalogueModule, ReferenceIndexModule],
  providers: [
    ...persistence,
    AssessmentRepository,
    CaseDeadlineRepository,
    DecisionPolicy,
    RecordScreeningFailureHandler,
    RequestScreeningHandler,
    AppraisalProcessor,
    ListMonitoringProcessor,
    DeadlineProcessor,
    DeadlineSweeper,
  ],
})
export class CasesWorkerModule {}
