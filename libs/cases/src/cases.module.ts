import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseCommandRunner } from './application/case-command-runner';
import { AmendCaseHandler } from './application/commands/amend-case/amend-case.handler';
import { FileDisclosureHandler } from './application/commands/file-disclosure/file-disclosure.handler';
import { SubmitCaseHandler } from './application/commands/submit-case/submit-case.handler';
import { WithdrawCaseHandler } from './application/commands/withdraw-case/withdraw-case.handler';
import { GetCaseHandler } from './application/queries/get-case.query';
import { GetCaseTimelineHandler } from './application/queries/get-case-timeline.query';
import { ListCasesHandler } from './application/queries/list-cases.query';
import { ScreeningRequestConsumer } from './infrastructure/jobs/screening-request.consumer';
import { CaseOrmEntity } from './infrastructure/persistence/case.orm-entity';
import { ScreeningRequestOrmEntity } from './infrastructure/persistence/screening-request.orm-entity';
import { CasesController } from './interface/http/cases.controller';

const entities = TypeOrmModule.forFeature([CaseOrmEntity, ScreeningRequestOrmEntity]);

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
    GetCaseHandler,
    ListCasesHandler,
    GetCaseTimelineHandler,
  ],
})
export class CasesHttpModule {}

/** The case context's queue consumers. Imported by apps/worker only. */
@Module({
  imports: [entities],
  providers: [ScreeningRequestConsumer],
})
export class CasesWorkerModule {}
