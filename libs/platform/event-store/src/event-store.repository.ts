import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StreamVersionConflict } from '@ajar/kernel';
import { COMMIT_CHANNEL, pgConstraint, pgErrorCode, PgErrorCode } from '@ajar/database';
import { AppendToStream, ChainedEvent, ChainVerification, EventContext, EventRow, StoredEvent, storedEventsOf, toStoredEvent } from './event-store';
import { chainHash, GENESIS_HASH } from './hash-chain';

const VERIFY_BATCH = 1000;
/** The unique index on (stream_id, stream_version): a violation is a concurrent command. */
const STREAM_VERSION_INDEX = 'uq_events_stream_version';

/**
 * Raw SQL throughout: multi-row appends from arrays (`unnest ... WITH ORDINALITY`), pg_notify and
 * snapshot reads of the chain are PostgreSQL's own.
 *
 * Append-only event store with optimistic concurrency on (stream, version). `append` runs inside
 * the caller's transaction; it also queues the events for the tenant's hash chain (EventChainer)
 * and notifies the after-commit loops. Chaining after commit keeps commands of one tenant from
 * queueing behind each other on the chain head.
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

  /**
   * Appends the events in the caller's transaction (`em` must be inside one: the three statements
   * below stand or fall together). A racing command of the same stream fails it with
   * `StreamVersionConflict`.
   */
  async append(em: EntityManager, request: AppendToStream, context: EventContext): Promise<StoredEvent[]> {
    if (request.events.length === 0) return [];
    const occurredAt = new Date();
    const { stored, payloadsJson, metadataJson } = storedEventsOf(request, context, occurredAt);

    // One statement for any number of events: the ids and types as arrays, the payloads as one
    // JSON array taken apart by position, and what every event shares (tenant, stream, metadata,
    // time) sent once. `unnest ... WITH ORDINALITY` keeps the events' order, so positions rise
    // with stream versions.
    let appended: { position: string; tenant_id: string }[];
    try {
      appended = await em.query(
        `INSERT INTO events (id, tenant_id, stream_type, stream_id, stream_version, type, payload, metadata, occurred_at)
         SELECT e.id, $1::uuid, $2::text, $3::uuid, $4::int + e.ordinality::int, e.type, $7::jsonb -> (e.ordinality::int - 1), $8::jsonb, $9::timestamptz
           FROM unnest($5::uuid[], $6::text[]) WITH ORDINALITY AS e(id, type, ordinality)
          ORDER BY e.ordinality
         RETURNING position, tenant_id`,
        [
          request.tenantId,
          request.streamType,
          request.streamId,
          request.expectedVersion,
          stored.map((event) => event.id),
          stored.map((event) => event.type),
          payloadsJson,
          metadataJson,
          occurredAt,
        ],
      );
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UniqueViolation && pgConstraint(error) === STREAM_VERSION_INDEX) {
        throw new StreamVersionConflict(request.streamId, request.expectedVersion);
      }
      throw error;
    }
    await em.query(`INSERT INTO event_chain_pending (position, tenant_id) SELECT * FROM unnest($1::bigint[], $2::uuid[])`, [
      appended.map((row) => row.position),
      appended.map((row) => row.tenant_id),
    ]);
    // Delivered at commit only: wakes the relay and the chainer.
    await em.query(`SELECT pg_notify($1, '')`, [COMMIT_CHANNEL]);
    return stored;
  }

  /** A stream's events in order with their chain links, only if the stream belongs to the tenant. */
  async readStream(tenantId: string, streamId: string): Promise<ChainedEvent[]> {
    const rows: (EventRow & { tenant_sequence: string | null; hash: string | null })[] = await this.dataSource.query(
      `SELECT e.*, c.tenant_sequence, c.hash FROM events e
         LEFT JOIN event_chain c ON c.event_id = e.id
        WHERE e.tenant_id = $1 AND e.stream_id = $2 ORDER BY e.stream_version`,
      [tenantId, streamId],
    );
    return rows.map((row) => ({
      ...toStoredEvent(row),
      tenantSequence: row.tenant_sequence === null ? null : String(row.tenant_sequence),
      hash: row.hash?.trim() ?? null,
    }));
  }

  /** Walks the tenant's chain from the start and names the first link that does not hold. */
  async verifyChain(tenantId: string): Promise<ChainVerification> {
    // One snapshot for every read: the chainer commits links, head and pending rows together,
    // and reading them at different moments would report a head that is merely behind.
    return this.dataSource.transaction('REPEATABLE READ', (em) => this.verifyInSnapshot(em, tenantId));
  }

  private async verifyInSnapshot(em: EntityManager, tenantId: string): Promise<ChainVerification> {
    const heads: { sequence: string; hash: string }[] = await em.query(
      `SELECT sequence, hash FROM event_chain_heads WHERE tenant_id = $1`,
      [tenantId],
    );
    const head = heads[0] ?? { sequence: '0', hash: GENESIS_HASH };
    const [{ pending }]: { pending: number }[] = await em.query(
      `SELECT count(*)::int AS pending FROM event_chain_pending WHERE tenant_id = $1`,
      [tenantId],
    );
    let expectedPrevious = GENESIS_HASH;
    let expectedSequence = 1n;
    let checked = 0;
    const result = (broken?: ChainVerification['firstBrokenLink']): ChainVerification => ({
      tenantId,
      valid: broken === undefined,
      eventsChecked: checked,
      headSequence: String(head.sequence),
      pendingEvents: pending,
      ...(broken ? { firstBrokenLink: broken } : {}),
    });

    for (;;) {
      const rows: (Partial<EventRow> & { link_sequence: string; event_id: string; previous_hash: string; link_hash: string })[] =
        await em.query(
          `SELECT c.tenant_sequence AS link_sequence, c.event_id, c.previous_hash, c.hash AS link_hash, e.*
             FROM event_chain c LEFT JOIN events e ON e.id = c.event_id
            WHERE c.tenant_id = $1 AND c.tenant_sequence >= $2
            ORDER BY c.tenant_sequence LIMIT $3`,
          [tenantId, expectedSequence.toString(), VERIFY_BATCH],
        );
      for (const row of rows) {
        const sequence = String(row.link_sequence);
        if (BigInt(sequence) !== expectedSequence) {
          return result({
            tenantSequence: expectedSequence.toString(),
            eventId: null,
            reason: 'sequence_gap',
            detail: `link ${expectedSequence} is missing; the next stored link is ${sequence}`,
          });
        }
        if (row.id === null || row.id === undefined) {
          return result({ tenantSequence: sequence, eventId: row.event_id, reason: 'event_missing', detail: 'the chained event was removed from the store' });
        }
        const previousHash = row.previous_hash.trim();
        if (previousHash !== expectedPrevious) {
          return result({
            tenantSequence: sequence,
            eventId: row.event_id,
            reason: 'previous_hash_mismatch',
            detail: 'the link does not point at the hash of the link before it',
          });
        }
        const event = toStoredEvent(row as EventRow);
        const recomputed = chainHash({ ...event, tenantSequence: sequence, occurredAt: event.occurredAt.toISOString(), previousHash });
        if (recomputed !== row.link_hash.trim()) {
          return result({
            tenantSequence: sequence,
            eventId: row.event_id,
            reason: 'hash_mismatch',
            detail: 'the stored event does not match its hash: its content was changed after it was written',
          });
        }
        expectedPrevious = recomputed;
        expectedSequence += 1n;
        checked += 1;
      }
      if (rows.length < VERIFY_BATCH) break;
    }
    const lastSequence = (expectedSequence - 1n).toString();
    if (lastSequence !== String(head.sequence) || expectedPrevious !== head.hash.trim()) {
      return result({
        tenantSequence: String(head.sequence),
        eventId: null,
        reason: 'head_mismatch',
        detail: `the chain head records link ${head.sequence}, the stored chain ends at ${lastSequence}`,
      });
    }
    // Every event must be chained or waiting to be: one that is neither was slipped in around the chain.
    const unchained: { id: string }[] = await em.query(
      `SELECT e.id FROM events e
        WHERE e.tenant_id = $1
          AND NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.event_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM event_chain_pending p WHERE p.position = e.position)
        ORDER BY e.position LIMIT 1`,
      [tenantId],
    );
    if (unchained[0]) {
      return result({
        tenantSequence: null,
        eventId: unchained[0].id,
        reason: 'unchained_event',
        detail: 'an event is neither chained nor waiting to be chained',
      });
    }
    return result();
  }
}

