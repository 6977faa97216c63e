import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConsumesQueue, JobSchedules, QueueConsumer, Queues } from '@ajar/messaging';
import { ExpiredRecordsRepository } from './expired-records.repository';

/** How long delivered outbox rows and inbox receipts are kept: far longer than any redelivery. */
export const DELIVERY_RECORD_DAYS = 14;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
export const RETENTION_SCHEDULER_ID = 'retention-sweep';

export interface SweepResult {
  idempotencyRecords: number;
  outboxMessages: number;
  inboxMessages: number;
}

/**
 * Removes what has outlived its purpose: expired Idempotency-Key records, outbox rows published
 * and inbox receipts older than DELIVERY_RECORD_DAYS. Scheduled hourly with a BullMQ job
 * scheduler, which runs it once per period whatever the number of worker replicas.
 */
@Injectable()
@ConsumesQueue(Queues.Maintenance)
export class RetentionSweeper implements QueueConsumer, OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionSweeper.name);

  constructor(
    private readonly records: ExpiredRecordsRepository,
    private readonly schedules: JobSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Kept: the reconciler registers it again if Redis loses it.
    await this.schedules.keep({ queue: Queues.Maintenance, schedulerId: RETENTION_SCHEDULER_ID, everyMs: SWEEP_EVERY_MS, jobName: 'retention.sweep' });
  }

  async consume(): Promise<void> {
    const result = await this.sweep();
    this.logger.log(result, 'retention sweep');
  }

  async sweep(): Promise<SweepResult> {
    return {
      idempotencyRecords: await this.records.deleteExpiredIdempotencyRecords(),
      outboxMessages: await this.records.deletePublishedOutboxMessages(DELIVERY_RECORD_DAYS),
      inboxMessages: await this.records.deleteInboxReceipts(DELIVERY_RECORD_DAYS),
    };
  }
}
