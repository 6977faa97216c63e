import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConsumesQueue, QueueConsumer, QueueRegistry, Queues } from '@ajar/messaging';

/** How long delivered outbox rows and inbox receipts are kept: far longer than any redelivery. */
export const DELIVERY_RECORD_DAYS = 14;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.get(Queues.Maintenance).upsertJobScheduler('retention-sweep', { every: SWEEP_EVERY_MS }, { name: 'retention.sweep' });
  }

  async consume(): Promise<void> {
    const result = await this.sweep();
    this.logger.log(result, 'retention sweep');
  }

  async sweep(): Promise<SweepResult> {
    const removed = async (sql: string, parameters: unknown[] = []): Promise<number> => {
      const [{ count }]: { count: number }[] = await this.dataSource.query(
        `WITH removed AS (${sql} RETURNING 1) SELECT count(*)::int AS count FROM removed`,
        parameters,
      );
      return count;
    };
    return {
      idempotencyRecords: await removed(`DELETE FROM idempotency_records WHERE expires_at < now() AND state = 'completed'`),
      outboxMessages: await removed(`DELETE FROM outbox_messages WHERE published_at < now() - make_interval(days => $1)`, [DELIVERY_RECORD_DAYS]),
      inboxMessages: await removed(`DELETE FROM inbox_messages WHERE processed_at < now() - make_interval(days => $1)`, [DELIVERY_RECORD_DAYS]),
    };
  }
}
