import { Injectable } from '@nestjs/common';
import { AjarEnvironment } from '@ajar/config';
import { PeriodicSweep } from '@ajar/database';
import { JobSchedules, OUTBOX_OWNED_QUEUES, QueueMetrics, QueueName, QueueRegistry } from '@ajar/messaging';
import { outboxJob } from './outbox-job';
import type { PendingOutboxMessage } from './outbox.repository';
import { jobsToRecreate } from './owed-jobs';
import { OwedOutboxRepository } from './owed-outbox.repository';

/** Rows read, checked against Redis and re-added per round trip. */
const PAGE = 1000;

/** What one pass re-created; logged as one line when it is not nothing. */
export interface ReconcilePass {
  recreated: Partial<Record<QueueName, number>>;
  schedulesRestored: string[];
}

/**
 * Owed work is a row, Redis only carries it. Every AJAR_RECONCILE_MS the worker re-adds, under
 * the outbox id, the job of every outbox row still owed (published more than one period ago, not
 * settled) that Redis no longer holds, and registers again the job schedulers Redis lost. Safe
 * with several replicas: a job id Redis holds is never added twice, and consumers are idempotent
 * (their inbox or natural keys) for the rare copy that runs after its twin completed.
 */
@Injectable()
export class OutboxReconciler extends PeriodicSweep {
  constructor(
    private readonly owed: OwedOutboxRepository,
    private readonly queues: QueueRegistry,
    private readonly schedules: JobSchedules,
    private readonly env: AjarEnvironment,
    private readonly metrics: QueueMetrics,
  ) {
    super(env.AJAR_RECONCILE_MS);
  }

  async sweep(): Promise<number> {
    const pass = await this.reconcile();
    const total = Object.values(pass.recreated).reduce((sum, count) => sum + count, 0);
    if (total > 0 || pass.schedulesRestored.length > 0) this.logger.warn(pass, 're-created owed work Redis had lost');
    return total;
  }

  /** One pass over every owed row, a page at a time. */
  async reconcile(): Promise<ReconcilePass> {
    const pass: ReconcilePass = { recreated: {}, schedulesRestored: await this.schedules.restoreMissing() };
    let after: string | undefined;
    for (;;) {
      const page = await this.owed.owed(OUTBOX_OWNED_QUEUES, this.env.AJAR_RECONCILE_MS, after, PAGE);
      if (page.length === 0) break;
      const missing = jobsToRecreate(page, await this.held(page));
      const now = Date.now();
      await Promise.all(
        [...missing].map(async ([queue, messages]) => {
          await this.queues.get(queue).addBulk(messages.map((message) => outboxJob(message, now)));
          pass.recreated[queue] = (pass.recreated[queue] ?? 0) + messages.length;
          this.metrics.jobsRecreated(queue, messages.length);
        }),
      );
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    return pass;
  }

  /** The ids of the page whose job Redis holds in any state. */
  private async held(page: readonly PendingOutboxMessage[]): Promise<Set<string>> {
    const byQueue = new Map<QueueName, string[]>();
    for (const message of page) {
      const ids = byQueue.get(message.destination);
      if (ids) ids.push(message.id);
      else byQueue.set(message.destination, [message.id]);
    }
    const held = await Promise.all([...byQueue].map(([queue, ids]) => this.queues.heldJobIds(queue, ids)));
    return new Set(held.flatMap((ids) => [...ids]));
  }
}
