import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Deletes platform records that have outlived their purpose. Platform tables only: a context
 * keeps its own data as long as it needs. Raw SQL: a DELETE that counts what it removed
 * (`WITH ... RETURNING`) in one statement.
 */
@Injectable()
export class ExpiredRecordsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Idempotency-Key records past their expiry (AJAR_IDEMPOTENCY_TTL_HOURS): completed ones, and
   * `in_progress` ones whose lease ran out (their request died); a lease still renewed is kept.
   */
  deleteExpiredIdempotencyRecords(): Promise<number> {
    return this.removed(
      `DELETE FROM idempotency_records
        WHERE expires_at < now() AND (state = 'completed' OR lease_expires_at IS NULL OR lease_expires_at < now())`,
    );
  }

  deletePublishedOutboxMessages(olderThanDays: number): Promise<number> {
    return this.removed(`DELETE FROM outbox_messages WHERE published_at < now() - make_interval(days => $1)`, [olderThanDays]);
  }

  deleteInboxReceipts(olderThanDays: number): Promise<number> {
    return this.removed(`DELETE FROM inbox_messages WHERE processed_at < now() - make_interval(days => $1)`, [olderThanDays]);
  }

  private async removed(sql: string, parameters: unknown[] = []): Promise<number> {
    const [{ count }]: { count: number }[] = await this.dataSource.query(`WITH removed AS (${sql} RETURNING 1) SELECT count(*)::int AS count FROM removed`, parameters);
    return count;
  }
}
