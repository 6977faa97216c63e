export { RetentionModule } from './retention.module';
export { RetentionSweeper, DELIVERY_RECORD_DAYS } from './retention.sweeper';
export { ExpiredRecordsRepository } from './expired-records.repository';
export type { SweepResult } from './retention.sweeper';
