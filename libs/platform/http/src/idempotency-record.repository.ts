import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StoredIdempotencyRecord {
  requestHash: string;
  state: 'in_progress' | 'completed';
  responseStatus: number | null;
  responseBody: unknown;
  expired: boolean;
}

/**
 * Idempotency-Key records, one per scope (tenant) and key. Raw SQL: the claim is an
 * `INSERT ... ON CONFLICT DO NOTHING RETURNING`, and expiry is judged by the database clock.
 */
@Injectable()
export class IdempotencyRecordRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records the key as in progress; false when a record of it exists already. */
  async claim(scope: string, key: string, requestHash: string, ttlHours: number): Promise<boolean> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_records (scope, key, request_hash, state, created_at, expires_at)
       VALUES ($1, $2, $3, 'in_progress', now(), now() + make_interval(hours => $4))
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, requestHash, ttlHours],
    );
    return inserted.length === 1;
  }

  async find(scope: string, key: string): Promise<StoredIdempotencyRecord | undefined> {
    const rows: { request_hash: string; state: 'in_progress' | 'completed'; response_status: number | null; response_body: unknown; expired: boolean }[] =
      await this.dataSource.query(
        `SELECT request_hash, state, response_status, response_body, expires_at < now() AS expired
           FROM idempotency_records WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
    const row = rows[0];
    return row
      ? { requestHash: row.request_hash.trim(), state: row.state, responseStatus: row.response_status, responseBody: row.response_body, expired: row.expired }
      : undefined;
  }

  async deleteIfExpired(scope: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND expires_at < now()`, [scope, key]);
  }

  /** Frees the key (its request failed or was refused). */
  async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_records WHERE scope = $1 AND key = $2`, [scope, key]);
  }

  /** Stores the first response, to answer the key's repeats with. */
  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_records SET state = 'completed', response_status = $3, response_body = $4
        WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body ?? null)],
    );
  }
}
