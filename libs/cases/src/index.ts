export { CasesHttpModule, CasesWorkerModule } from './cases.module';
export { CaseOrmEntity } from './infrastructure/persistence/case.orm-entity';
export { ScreeningRequestOrmEntity } from './infrastructure/persistence/screening-request.orm-entity';
export { SCREENING_REQUEST_CONSUMER } from './infrastructure/jobs/screening-request.consumer';
export { CASE_STATES } from './domain/case-state';
export type { CaseState } from './domain/case-state';
