import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ClsServiceManager } from 'nestjs-cls';
import { DataSource, EntityManager } from 'typeorm';
import type { AjarContextStore, IdempotentRequest } from '@ajar/observability';
import { ProblemException } from './problem';

export interface StoredIdempotencyRecord {
  requestHash: string;
  state: 'in_progress' | 'completed';
  responseStatus: number | null;
  responseBody: unknown;
  /** Past its TTL: the key is forgotten. */
  expired: boolean;
  /** Seconds left on an `in_progress` record's lease; 0 when the lease has run out. */
  leaseSecondsLeft: number;
}

/** The lease a request holds on its key. */
export interface IdempotencyLease {
  scope: string;
  key: string;
  leaseToken: string;
}

/**
 * The conflict answered while another request holds the key's lease. Retry-After is 1 s: a running
 * request answers well within that; if its process died, the lease runs out in at most
 * `leaseSecondsLeft`, and a retry then takes the request over.
 */
export function idempotencyInProgress(leaseSecondsLeft: number): ProblemException {
  return new ProblemException(
    409,
    'IDEMPOTENCY.IN_PROGRESS',
    'A request with this Idempotency-Key is still being processed',
    `The first request with this Idempotency-Key has not finished yet. Retry shortly to receive its response; if it was interrupted, a retry runs it again after at most ${Math.max(1, Math.ceil(leaseSecondsLeft))} s.`,
    undefined,
    { 'Retry-After': '1' },
  );
}

/** Response fields shown once are stored as `null`, with `secretShownOnce: true`. */
export function storableAnswer(body: unknown, secretFields: readonly string[]): unknown {
  if (secretFields.length === 0 || typeof body !== 'object' || body === null) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of secretFields) copy[field] = null;
  copy.secretShownOnce = true;
  return copy;
}

/** An `in_progress` record's lease has run out; records from before leases existed have none, and count as run out. */
const LEASE_RUN_OUT = `(lease_expires_at IS NULL OR lease_expires_at < now())`;

const COMPLETE_SQL = `UPDATE idempotency_records
    SET state = 'completed', response_status = $4, response_body = $5, lease_token = NULL, lease_expires_at = NULL
  WHERE scope = $1 AND key = $2 AND lease_token = $3 AND state = 'in_progress'`;

/**
 * Inside a command's transaction, just before COMMIT: completes the Idempotency-Key record of the
 * request in scope with the command's answer, so the answer commits with the command or not at
 * all. A retry after a crash between commit and response gets this answer. Nothing happens outside
 * an idempotent request (jobs, requests without the header) or once the request stored its answer.
 * If the request no longer holds the lease (it ran out and a retry took the key over), the command
 * is refused and its transaction rolls back: one key never commits two commands.
 */
export async function storeIdempotentAnswer(tx: EntityManager, answer: unknown): Promise<void> {
  const cls = ClsServiceManager.getClsService<AjarContextStore>();
  const request: IdempotentRequest | undefined = cls.isActive() ? cls.get('idempotency') : undefined;
  if (!request || request.answerStored) return;
  // pg answers an UPDATE through TypeORM as [rows, affected count].
  const [, affected]: [unknown[], number] = await tx.query(COMPLETE_SQL, [
    request.scope,
    request.key,
    request.leaseToken,
    request.responseStatus,
    JSON.stringify(storableAnswer(answer, request.secretFields) ?? null),
  ]);
  if (affected !== 1) throw idempotencyInProgress(0);
  request.answerStored = true;
}

/**
 * Idempotency-Key records, one per scope (tenant) and key. Raw SQL: the claim is an
 * `INSERT ... ON CONFLICT DO NOTHING RETURNING`, a takeover one conditional UPDATE, and expiry
 * and leases are judged by the database clock (one clock for every API replica).
 */
@Injectable()
export class IdempotencyRecordRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records the key as in progress under a new lease; false when a record of it exists already. */
  async claim(lease: IdempotencyLease, requestHash: string, leaseSeconds: number, ttlHours: number): Promise<boolean> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_records (scope, key, request_hash, state, created_at, expires_at, lease_token, lease_expires_at)
       VALUES ($1, $2, $3, 'in_progress', now(), now() + make_interval(hours => $5), $4, now() + make_interval(secs => $6))
       ON CONFLICT DO NOTHING RETURNING key`,
      [lease.scope, lease.key, requestHash, lease.leaseToken, ttlHours, leaseSeconds],
    );
    return inserted.length === 1;
  }

  /**
   * Takes over the key of a request whose lease ran out (it crashed or lost the database). One
   * conditional UPDATE: of concurrent retries exactly one gets it; none does if the record was
   * completed meanwhile.
   */
  async takeOver(lease: IdempotencyLease, requestHash: string, leaseSeconds: number): Promise<boolean> {
    // pg answers an UPDATE through TypeORM as [rows, affected count].
    const [taken]: [unknown[], number] = await this.dataSource.query(
      `UPDATE idempotency_records SET lease_token = $3, lease_expires_at = now() + make_interval(secs => $5)
        WHERE scope = $1 AND key = $2 AND request_hash = $4 AND state = 'in_progress' AND ${LEASE_RUN_OUT}
        RETURNING key`,
      [lease.scope, lease.key, lease.leaseToken, requestHash, leaseSeconds],
    );
    return taken.length === 1;
  }

  /** Extends the lease while its request runs; false when the request no longer holds it. */
  async renew(lease: IdempotencyLease, leaseSeconds: number): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.dataSource.query(
      `UPDATE idempotency_records SET lease_expires_at = now() + make_interval(secs => $4)
        WHERE scope = $1 AND key = $2 AND lease_token = $3 AND state = 'in_progress'`,
      [lease.scope, lease.key, lease.leaseToken, leaseSeconds],
    );
    return affected === 1;
  }

  async find(scope: string, key: string): Promise<StoredIdempotencyRecord | undefined> {
    const rows: {
      request_hash: string;
      state: 'in_progress' | 'completed';
      response_status: number | null;
      response_body: unknown;
      expired: boolean;
      lease_seconds_left: number | null;
    }[] = await this.dataSource.query(
      `SELECT request_hash, state, response_status, response_body, expires_at < now() AS expired,
              greatest(extract(epoch FROM lease_expires_at - now()), 0)::float8 AS lease_seconds_left
         FROM idempotency_records WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    const row = rows[0];
    return row
      ? {
          requestHash: row.request_hash.trim(),
          state: row.state,
          responseStatus: row.response_status,
          responseBody: row.response_body,
          expired: row.expired,
          leaseSecondsLeft: row.lease_seconds_left ?? 0,
        }
      : undefined;
  }

  async deleteIfExpired(scope: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND expires_at < now() AND (state = 'completed' OR ${LEASE_RUN_OUT})`,
      [scope, key],
    );
  }

  /** Frees the key (its request failed or was refused before its command committed). */
  async release(lease: IdempotencyLease): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND lease_token = $3 AND state = 'in_progress'`, [
      lease.scope,
      lease.key,
      lease.leaseToken,
    ]);
  }

  /**
   * Stores the first response after the handler, for routes whose command did not store it in its
   * own transaction (`storeIdempotentAnswer`); false when the request no longer held the lease.
   */
  async complete(lease: IdempotencyLease, status: number, body: unknown): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.dataSource.query(COMPLETE_SQL, [
      lease.scope,
      lease.key,
      lease.leaseToken,
      status,
      JSON.stringify(body ?? null),
    ]);
    return affected === 1;
  }
}
