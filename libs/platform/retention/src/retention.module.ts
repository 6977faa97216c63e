import { Module } from '@nestjs/common';
import { RetentionSweeper } from './retention.sweeper';

/** Worker process only. */
@Module({ providers: [RetentionSweeper], exports: [RetentionSweeper] })
export class RetentionModule {}
