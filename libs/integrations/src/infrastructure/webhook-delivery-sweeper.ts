import { Injectable } from '@nestjs/common';
import { AjarEnvironment } from '@ajar/config';
import { PeriodicSweep } from '@ajar/database';
import { Queues, QueueRegistry } from '@ajar/messaging';
import { deliveryJob } from './webhook-delivery-jobs';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

const BATCH = 500;

/**
 * Re-creates delivery jobs Redis lost (a crash between the fan-out's commit and its `addBulk`, a
 * Redis restart without persistence): any delivery still owed an attempt well past its due time
 * gets its job again, under the attempt's id, so a job that still exists is not doubled.
 */
@Injectable()
export class WebhookDeliverySweeper extends PeriodicSweep {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly queues: QueueRegistry,
    private readonly env: AjarEnvironment,
  ) {
    super(env.AJAR_WEBHOOK_SWEEP_MS);
  }

  /** Re-adds the jobs of overdue deliveries; returns how many it found. */
  async sweep(): Promise<number> {
    const overdue = await this.deliveries.overdue(this.env.AJAR_WEBHOOK_SWEEP_MS, BATCH);
    if (overdue.length === 0) return 0;
    await this.queues.get(Queues.Webhooks).addBulk(
      overdue.map((row) =>
        deliveryJob({ tenantId: row.tenantId, deliveryId: row.id, attempt: row.attempts + 1, correlationId: row.messageId, causationId: row.messageId }),
      ),
    );
    this.logger.log({ count: overdue.length }, 're-created overdue webhook delivery jobs');
    return overdue.length;
  }
}
