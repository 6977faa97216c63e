import { Module } from '@nestjs/common';
import { ExpiredRecordsRepository } from './expired-records.repository';
import { RetentionSweeper } from './retention.sweeper';

/** Worker process only. */
@Module({ providers: [ExpiredRecordsRepository, RetentionSweeper], exports: [RetentionSweeper] })
export class RetentionModule {}
