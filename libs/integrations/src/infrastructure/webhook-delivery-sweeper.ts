import { Injectable } from '@nestjs/common';
import { AjarEnvironment } from '@ajar/config';
import { PeriodicSweep } from '@ajar/database';
import { Queues, QueueRegistry } from '@ajar/messaging';
import { deliveryJob } from './webhook-delivery-jobs';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

/** Rows read and re-added per round trip; a pass goes through every page. */
const PAGE = 1000;

/**
 * Re-creates delivery jobs Redis lost (a crash between the fan-out's commit and its `addBulk`, a
 * Redis that lost its data): every delivery still owed an attempt well past its due time gets its
 * job again, under the attempt's id, so a job Redis still holds (waiting, delayed, active) is not
 * doubled. A pass pages through all overdue deliveries, so a lost backlog of 10,000 comes back in
 * one pass (issue 19) rather than 500 per period. The processor re-checks the row, so an attempt
 * already made is a no-op.
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
    let found = 0;
    let after: string | undefined;
    for (;;) {
      const overdue = await this.deliveries.overdue(this.env.AJAR_WEBHOOK_SWEEP_MS, PAGE, after);
      if (overdue.length === 0) break;
      await this.queues.get(Queues.Webhooks).addBulk(
        overdue.map((row) =>
          deliveryJob({ tenantId: row.tenantId, deliveryId: row.id, attempt: row.attempts + 1, correlationId: row.messageId, causationId: row.messageId }),
        ),
      );
      found += overdue.length;
      if (overdue.length < PAGE) break;
      after = overdue[overdue.length - 1].id;
    }
    if (found > 0) this.logger.log({ queue: Queues.Webhooks, count: found }, 're-created overdue webhook delivery jobs');
    return found;
  }
}
