import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AjarEnvironment } from '@ajar/config';
import { AfterCommitLoop, CommitSignal } from '@ajar/database';
import { notBefore, QueueEnvelope, QueueName, QueueRegistry } from '@ajar/messaging';

const BATCH = 200;

interface PendingRow {
  id: string;
  destination: QueueName;
  job_name: string;
  envelope: QueueEnvelope;
}

/**
 * Moves committed outbox rows into BullMQ, the outbox id as job id (at-least-once). Rows are
 * claimed with SKIP LOCKED so several worker replicas can relay side by side. A crash between
 * `add` and the `published_at` update re-publishes the row later; BullMQ ignores a job id it
 * still holds, and consumers dedupe through their inbox in any case.
 */
@Injectable()
export class OutboxRelay extends AfterCommitLoop {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: PendingRow[] = await em.query(
        `SELECT id, destination, job_name, envelope FROM outbox_messages
          WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      // One addBulk per queue: one Redis round trip for the batch instead of one per job.
      const byQueue = new Map<QueueName, PendingRow[]>();
      for (const row of rows) {
        const queued = byQueue.get(row.destination);
        if (queued) queued.push(row);
        else byQueue.set(row.destination, [row]);
      }
      await Promise.all(
        [...byQueue].map(([destination, queued]) =>
          this.queues
            .get(destination)
            .addBulk(
              queued.map((row) => {
                // A deadline's alarm: delayed until its due time (a due time already past runs at once).
                const due = notBefore(row.envelope);
                return { name: row.job_name, data: row.envelope, opts: { jobId: row.id, ...(due !== undefined ? { delay: Math.max(0, due - Date.now()) } : {}) } };
              }),
            ),
        ),
      );
      await em.query(`UPDATE outbox_messages SET published_at = now() WHERE id = ANY($1::uuid[])`, [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }
}
