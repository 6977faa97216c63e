import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueueName } from '@ajar/messaging';
import type { PendingOutboxMessage } from './outbox.repository';

// Raw SQL in this file: a keyset page over the partial index of unsettled rows, and a receipt
// that is a no-op for an id the outbox does not hold.

/** The reconciler's side of the outbox: published rows whose job has not settled, and their receipts. */
@Injectable()
export class OwedOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Rows for `destinations` published more than `graceMs` ago whose job has neither completed nor
   * failed for good, in id order after `afterId`.
   */
  async owed(destinations: readonly QueueName[], graceMs: number, afterId: string | undefined, limit: number): Promise<PendingOutboxMessage[]> {
    const rows: { id: string; destination: QueueName; job_name: string; envelope: PendingOutboxMessage['envelope'] }[] = await this.dataSource.query(
      `SELECT id, destination, job_name, envelope FROM outbox_messages
        WHERE published_at IS NOT NULL AND settled_at IS NULL
          AND published_at < now() - make_interval(secs => $1::float8 / 1000)
          AND destination = ANY($2::text[])
          AND ($3::uuid IS NULL OR id > $3::uuid)
        ORDER BY id LIMIT $4`,
      [graceMs, destinations, afterId ?? null, limit],
    );
    return rows.map((row) => ({ id: row.id, destination: row.destination, jobName: row.job_name, envelope: row.envelope }));
  }

  /** Marks the row of a settled job; an id of another queue's row or of no row changes nothing. */
  async settle(destination: QueueName, id: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbox_messages SET settled_at = now() WHERE id = $1 AND destination = $2 AND settled_at IS NULL`, [id, destination]);
  }
}
