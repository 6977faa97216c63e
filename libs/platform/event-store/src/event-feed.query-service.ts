import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventRow, StoredEvent, toStoredEvent } from './event-store';

/** How far a reader of a tenant's chain has got: the last tenant sequence it read. */
export interface ChainPosition {
  tenantId: string;
  sequence: string;
}

/** A committed, chained event with its place in its tenant's chain. */
export interface FeedEvent extends StoredEvent {
  tenantSequence: string;
}

/**
 * The tenants' event feed for readers that follow the hash chain (the webhook fan-out): gap-free,
 * in order, committed events only. Readers keep their own positions; this service answers for the
 * event store's tables. Methods take the caller's transaction manager where their reads belong to
 * it. Raw SQL: positions are sent as arrays (`unnest`) and joined in one round trip.
 */
@Injectable()
export class EventFeedQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The head of the tenant's chain (its last linked sequence), or undefined before it is opened. */
  async headSequence(tenantId: string, em: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const rows: { sequence: string }[] = await em.query(`SELECT sequence FROM event_chain_heads WHERE tenant_id = $1`, [tenantId]);
    return rows[0] === undefined ? undefined : String(rows[0].sequence);
  }

  /** Of these positions, the tenants whose chain has moved past them, in tenant id order. */
  async tenantsAhead(positions: ChainPosition[], em: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (positions.length === 0) return [];
    const rows: { tenant_id: string }[] = await em.query(
      `SELECT p.tenant_id FROM unnest($1::uuid[], $2::bigint[]) AS p(tenant_id, sequence)
         JOIN event_chain_heads h ON h.tenant_id = p.tenant_id
        WHERE h.sequence > p.sequence ORDER BY p.tenant_id`,
      [positions.map((position) => position.tenantId), positions.map((position) => position.sequence)],
    );
    return rows.map((row) => row.tenant_id);
  }

  /** Up to `perTenant` chained events after each position, by tenant then sequence. */
  async eventsAfter(positions: ChainPosition[], perTenant: number, em: EntityManager = this.dataSource.manager): Promise<FeedEvent[]> {
    if (positions.length === 0) return [];
    const rows: (EventRow & { tenant_sequence: string })[] = await em.query(
      `SELECT l.tenant_sequence, e.id, e.tenant_id, e.stream_type, e.stream_id, e.stream_version, e.type, e.payload, e.metadata, e.occurred_at
         FROM unnest($1::uuid[], $2::bigint[]) AS p(tenant_id, sequence)
         JOIN event_chain l ON l.tenant_id = p.tenant_id AND l.tenant_sequence > p.sequence AND l.tenant_sequence <= p.sequence + $3
         JOIN events e ON e.id = l.event_id
        ORDER BY l.tenant_id, l.tenant_sequence`,
      [positions.map((position) => position.tenantId), positions.map((position) => position.sequence), perTenant],
    );
    return rows.map((row) => ({ ...toStoredEvent(row), tenantSequence: String(row.tenant_sequence) }));
  }
}
