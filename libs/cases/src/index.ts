export { CasesHttpModule, CasesWorkerModule } from './cases.module';
export { CaseOrmEntity } from './infrastructure/persistence/case.orm-entity';
export { AssessmentOrmEntity } from './infrastructure/persistence/assessment.orm-entity';
export { CaseDeadlineOrmEntity } from './infrastructure/persistence/case-deadline.orm-entity';
export { CASE_STATES } from './domain/case-state';
export type { CaseState } from './domain/case-state';
export { CaseRequestIntake, INBOUND_CASE_TYPES } from './interface/inbound/case-request-intake';
export type { InboundCaseType } from './interface/inbound/case-request-intake';
