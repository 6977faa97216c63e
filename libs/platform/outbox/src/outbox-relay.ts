import { Injectable } from '@nestjs/common';
import { AjarEnvironment } from '@ajar/config';
import { AfterCommitLoop, CommitSignal } from '@ajar/database';
import { QueueName, QueueRegistry } from '@ajar/messaging';
import { outboxJob } from './outbox-job';
import { OutboxMessageRepository, PendingOutboxMessage } from './outbox.repository';

const BATCH = 200;

/**
 * Moves committed outbox rows into BullMQ, the outbox id as job id (at-least-once). Rows are
 * claimed with SKIP LOCKED so several worker replicas can relay side by side. A crash between
 * `add` and the `published_at` update re-publishes the row later; BullMQ ignores a job id it
 * still holds, and consumers dedupe through their inbox in any case.
 */
@Injectable()
export class OutboxRelay extends AfterCommitLoop {
  constructor(
    private readonly outbox: OutboxMessageRepository,
    private readonly queues: QueueRegistry,
    signal: CommitSignal,
    env: AjarEnvironment,
  ) {
    super(signal, { idleMs: env.AJAR_OUTBOX_POLL_MS, coalesceMs: 5, fullBatch: BATCH });
  }

  runBatch(): Promise<number> {
    return this.publishBatch();
  }

  /** Publishes one batch; returns how many rows it moved. */
  publishBatch(): Promise<number> {
    return this.outbox.publishPending(BATCH, async (messages) => {
      // One addBulk per queue: one Redis round trip for the batch instead of one per job.
      const byQueue = new Map<QueueName, PendingOutboxMessage[]>();
      for (const message of messages) {
        const queued = byQueue.get(message.destination);
        if (queued) queued.push(message);
        else byQueue.set(message.destination, [message]);
      }
      await Promise.all(
        [...byQueue].map(([destination, queued]) =>
          this.queues.get(destination).addBulk(queued.map((message) => outboxJob(message))),
        ),
      );
    });
  }
}
