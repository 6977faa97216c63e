import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AjarEnvironment } from '@ajar/config';
import { PeriodicSweep } from '@ajar/database';
import { Queues, QueueRegistry } from '@ajar/messaging';
import { deliveryJob } from './webhook-delivery-jobs';

const BATCH = 500;

/**
 * Re-creates delivery jobs Redis lost (a crash between the fan-out's commit and its `addBulk`, a
 * Redis restart without persistence): any delivery still owed an attempt well past its due time
 * gets its job again, under the attempt's id, so a job that still exists is not doubled.
 */
@Injectable()
export class WebhookDeliverySweeper extends PeriodicSweep {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly env: AjarEnvironment,
  ) {
    super(env.AJAR_WEBHOOK_SWEEP_MS);
  }

  /** Re-adds the jobs of overdue deliveries; returns how many it found. */
  async sweep(): Promise<number> {
    const overdue: { id: string; tenant_id: string; attempts: number; message_id: string }[] = await this.dataSource.query(
      `SELECT id, tenant_id, attempts, message_id FROM webhook_deliveries
        WHERE state = 'pending' AND next_attempt_at < now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY next_attempt_at LIMIT $2`,
      [this.env.AJAR_WEBHOOK_SWEEP_MS, BATCH],
    );
    if (overdue.length === 0) return 0;
    await this.queues.get(Queues.Webhooks).addBulk(
      overdue.map((row) =>
        deliveryJob({ tenantId: row.tenant_id, deliveryId: row.id, attempt: row.attempts + 1, correlationId: row.message_id, causationId: row.message_id }),
      ),
    );
    this.logger.log({ count: overdue.length }, 're-created overdue webhook delivery jobs');
    return overdue.length;
  }
}
