import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { StreamVersionConflict } from '@ajar/kernel';
import { PgErrorCode, pgErrorCode } from '@ajar/database';
import type { Actor } from '@ajar/observability';
import { chainHash, ChainedEventFields, GENESIS_HASH } from './hash-chain';

export interface EventContext {
  actor: Actor;
  correlationId: string;
  causationId?: string;
}

export interface PendingEvent {
  type: string;
  payload: Record<string, unknown>;
}

export interface AppendToStream {
  tenantId: string;
  streamType: string;
  streamId: string;
  /** The stream version the command read; 0 for a new stream. */
  expectedVersion: number;
  events: PendingEvent[];
}

export interface StoredEvent {
  id: string;
  tenantId: string;
  tenantSequence: string;
  streamType: string;
  streamId: string;
  streamVersion: number;
  type: string;
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
  occurredAt: Date;
  previousHash: string;
  hash: string;
}

interface EventRow {
  id: string;
  tenant_id: string;
  tenant_sequence: string;
  stream_type: string;
  stream_id: string;
  stream_version: number;
  type: string;
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
  occurred_at: Date;
  previous_hash: string;
  hash: string;
}

export interface ChainVerification {
  tenantId: string;
  valid: boolean;
  eventsChecked: number;
  headSequence: string;
  firstBrokenLink?: {
    tenantSequence: string;
    eventId: string | null;
    reason: 'hash_mismatch' | 'previous_hash_mismatch' | 'sequence_gap' | 'head_mismatch';
    detail: string;
  };
}

const VERIFY_BATCH = 1000;

/**
 * Append-only event store with optimistic concurrency on (stream, version) and a SHA-256 hash
 * chain per tenant. `append` runs inside the caller's transaction so that state, events and
 * outbox rows commit together.
 */
@Injectable()
export class EventStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Starts a tenant's chain. Called in the transaction that creates the tenant. */
  async openChain(em: EntityManager, tenantId: string): Promise<void> {
    await em.query(
      `INSERT INTO event_chain_heads (tenant_id, sequence, hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`,
      [tenantId, GENESIS_HASH],
    );
  }

  async append(em: EntityManager, request: AppendToStream, context: EventContext): Promise<StoredEvent[]> {
    if (request.events.length === 0) return [];
    // The head row lock serialises appends within one tenant, so the chain has no forks. It is
    // taken last in the command's transaction to keep the time it is held short.
    const heads: { sequence: string; hash: string }[] = await em.query(
      `SELECT sequence, hash FROM event_chain_heads WHERE tenant_id = $1 FOR UPDATE`,
      [request.tenantId],
    );
    if (heads.length === 0) throw new Error(`tenant ${request.tenantId} has no event chain`);
    let sequence = BigInt(heads[0].sequence);
    let previousHash = heads[0].hash.trim();
    const occurredAt = new Date();
    const metadata: Record<string, unknown> = {
      actor: context.actor,
      correlationId: context.correlationId,
      ...(context.causationId ? { causationId: context.causationId } : {}),
    };

    const stored: StoredEvent[] = request.events.map((pending, index) => {
      sequence += 1n;
      const fields: ChainedEventFields = {
        id: uuidv7(),
        tenantId: request.tenantId,
        tenantSequence: sequence.toString(),
        streamType: request.streamType,
        streamId: request.streamId,
        streamVersion: request.expectedVersion + index + 1,
        type: pending.type,
        // Hash what PostgreSQL will give back: plain JSON, no undefined, no class instances.
        payload: JSON.parse(JSON.stringify(pending.payload)) as Record<string, unknown>,
        metadata: JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>,
        occurredAt: occurredAt.toISOString(),
        previousHash,
      };
      const hash = chainHash(fields);
      previousHash = hash;
      return { ...fields, occurredAt, hash };
    });

    const columns = 12;
    const placeholders = stored
      .map((_, row) => `(${Array.from({ length: columns }, (_unused, col) => `$${row * columns + col + 1}`).join(', ')})`)
      .join(', ');
    const parameters = stored.flatMap((event) => [
      event.id,
      event.tenantId,
      event.tenantSequence,
      event.streamType,
      event.streamId,
      event.streamVersion,
      event.type,
      JSON.stringify(event.payload),
      JSON.stringify(event.metadata),
      event.occurredAt,
      event.previousHash,
      event.hash,
    ]);
    try {
      await em.query(
        `INSERT INTO events (id, tenant_id, tenant_sequence, stream_type, stream_id, stream_version, type, payload,
                             metadata, occurred_at, previous_hash, hash)
         VALUES ${placeholders}`,
        parameters,
      );
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UniqueViolation) {
        throw new StreamVersionConflict(request.streamId, request.expectedVersion);
      }
      throw error;
    }
    await em.query(`UPDATE event_chain_heads SET sequence = $2, hash = $3 WHERE tenant_id = $1`, [
      request.tenantId,
      sequence.toString(),
      previousHash,
    ]);
    return stored;
  }

  /** A stream's events in order, only if it belongs to the tenant. */
  async readStream(tenantId: string, streamId: string): Promise<StoredEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT * FROM events WHERE tenant_id = $1 AND stream_id = $2 ORDER BY stream_version`,
      [tenantId, streamId],
    );
    return rows.map(toStoredEvent);
  }

  /** Walks the tenant's chain from the start and names the first link that does not hold. */
  async verifyChain(tenantId: string): Promise<ChainVerification> {
    const heads: { sequence: string; hash: string }[] = await this.dataSource.query(
      `SELECT sequence, hash FROM event_chain_heads WHERE tenant_id = $1`,
      [tenantId],
    );
    const head = heads[0] ?? { sequence: '0', hash: GENESIS_HASH };
    let expectedPrevious = GENESIS_HASH;
    let expectedSequence = 1n;
    let checked = 0;
    const result = (broken?: ChainVerification['firstBrokenLink']): ChainVerification => ({
      tenantId,
      valid: broken === undefined,
      eventsChecked: checked,
      headSequence: head.sequence,
      ...(broken ? { firstBrokenLink: broken } : {}),
    });

    for (;;) {
      const rows: EventRow[] = await this.dataSource.query(
        `SELECT * FROM events WHERE tenant_id = $1 AND tenant_sequence >= $2 ORDER BY tenant_sequence LIMIT $3`,
        [tenantId, expectedSequence.toString(), VERIFY_BATCH],
      );
      for (const row of rows) {
        const event = toStoredEvent(row);
        if (BigInt(event.tenantSequence) !== expectedSequence) {
          return result({
            tenantSequence: expectedSequence.toString(),
            eventId: null,
            reason: 'sequence_gap',
            detail: `event ${expectedSequence} is missing; the next stored event is ${event.tenantSequence}`,
          });
        }
        if (event.previousHash !== expectedPrevious) {
          return result({
            tenantSequence: event.tenantSequence,
            eventId: event.id,
            reason: 'previous_hash_mismatch',
            detail: 'the event does not point at the hash of the event before it',
          });
        }
        const recomputed = chainHash({ ...event, occurredAt: event.occurredAt.toISOString() });
        if (recomputed !== event.hash) {
          return result({
            tenantSequence: event.tenantSequence,
            eventId: event.id,
            reason: 'hash_mismatch',
            detail: 'the stored event does not match its hash: its content was changed after it was written',
          });
        }
        expectedPrevious = event.hash;
        expectedSequence += 1n;
        checked += 1;
      }
      if (rows.length < VERIFY_BATCH) break;
    }
    const lastSequence = (expectedSequence - 1n).toString();
    if (lastSequence !== head.sequence || expectedPrevious !== head.hash.trim()) {
      return result({
        tenantSequence: head.sequence,
        eventId: null,
        reason: 'head_mismatch',
        detail: `the chain head records event ${head.sequence}, the stored chain ends at ${lastSequence}`,
      });
    }
    return result();
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    tenantSequence: String(row.tenant_sequence),
    streamType: row.stream_type,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    payload: row.payload,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
    previousHash: row.previous_hash.trim(),
    hash: row.hash.trim(),
  };
}
