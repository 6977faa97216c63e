import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PolicyCatalogueModule } from '@ajar/policies';
import { ReferenceIndexModule } from '@ajar/reference-lists';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseCommandRunner } from './application/case-command-runner';
import { AdjudicateListHitHandler } from './application/commands/adjudicate-list-hit/adjudicate-list-hit.handler';
import { AmendCaseHandler } from './application/commands/amend-case/amend-case.handler';
import { FileDisclosureHandler } from './application/commands/file-disclosure/file-disclosure.handler';
import { SubmitCaseHandler } from './application/commands/submit-case/submit-case.handler';
import { WithdrawCaseHandler } from './application/commands/withdraw-case/withdraw-case.handler';
import { GetAssessmentsHandler } from './application/queries/get-assessments.query';
import { GetCaseHandler } from './application/queries/get-case.query';
import { GetCaseTimelineHandler } from './application/queries/get-case-timeline.query';
import { ListCasesHandler } from './application/queries/list-cases.query';
import { AppraisalProcessor } from './infrastructure/jobs/appraisal.processor';
import { ListMonitoringProcessor } from './infrastructure/jobs/list-monitoring.processor';
import { CaseOrmEntity } from './infrastructure/persistence/case.orm-entity';
import { AssessmentOrmEntity } from './infrastructure/persistence/assessment.orm-entity';
import { CasesController } from './interface/http/cases.controller';
import { CaseRequestIntake } from './interface/inbound/case-request-intake';

const entities = TypeOrmModule.forFeature([CaseOrmEntity, AssessmentOrmEntity]);

/** Case intake and lifecycle over HTTP. Imported by apps/api only. */
@Module({
  imports: [CqrsModule, entities],
  controllers: [CasesController],
  providers: [
    CaseCommandRunner,
    SubmitCaseHandler,
    AmendCaseHandler,
    FileDisclosureHandler,
    WithdrawCaseHandler,
    AdjudicateListHitHandler,
    GetCaseHandler,
    ListCasesHandler,
    GetCaseTimelineHandler,
    GetAssessmentsHandler,
    CaseRequestIntake,
  ],
  exports: [CaseRequestIntake],
})
export class CasesHttpModule {}

/** The case context's queue consumers. Imported by apps/worker only. */
@Module({
  imports: [entities, PolicyCatalogueModule, ReferenceIndexModule],
  providers: [CaseCommandRunner, AppraisalProcessor, ListMonitoringProcessor],
})
export class CasesWorkerModule {}
