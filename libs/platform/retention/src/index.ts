export { RetentionModule } from './retention.module';
export { RetentionSweeper, DELIVERY_RECORD_DAYS, RETENTION_SCHEDULER_ID } from './retention.sweeper';
export { ExpiredRecordsRepository } from './expired-records.repository';
export type { SweepResult } from './retention.sweeper';
