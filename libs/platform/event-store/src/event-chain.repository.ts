import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CHAINED_CHANNEL } from '@ajar/database';
import { EventRow, toStoredEvent } from './event-store';
import { chainHash } from './hash-chain';

/** Only one chainer may write at a time across all worker replicas. */
const CHAINER_LOCK = 7_411_001;

/**
 * The tenants' hash chains: links, heads and the events waiting to be linked. Raw SQL: an
 * advisory lock, row locks on the heads and array-driven bulk writes are PostgreSQL's own.
 */
@Injectable()
export class EventChainRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Chains up to one batch of pending events; returns how many it linked. */
  async chainBatch(batchSize: number): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }]: { locked: boolean }[] = await em.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [CHAINER_LOCK]);
      if (!locked) return 0;
      const rows: (EventRow & { position: string })[] = await em.query(
        // Positions first, then the events by primary key: a join lets the planner merge-join
        // the whole events index from its start, a cost that grows with every event ever stored.
        `SELECT e.* FROM events e
          WHERE e.position = ANY (ARRAY(SELECT position FROM event_chain_pending ORDER BY position LIMIT $1))
          ORDER BY e.position`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      const tenants = [...new Set(rows.map((row) => row.tenant_id))];
      const heads: { tenant_id: string; sequence: string; hash: string }[] = await em.query(
        `SELECT tenant_id, sequence, hash FROM event_chain_heads WHERE tenant_id = ANY($1::uuid[]) FOR UPDATE`,
        [tenants],
      );
      const state = new Map(heads.map((head) => [head.tenant_id, { sequence: BigInt(head.sequence), hash: head.hash.trim() }]));
      const links: unknown[] = [];
      for (const row of rows) {
        const head = state.get(row.tenant_id);
        if (!head) throw new Error(`tenant ${row.tenant_id} has no event chain`);
        const event = toStoredEvent(row);
        const tenantSequence = (head.sequence + 1n).toString();
        const hash = chainHash({ ...event, tenantSequence, occurredAt: event.occurredAt.toISOString(), previousHash: head.hash });
        links.push(row.tenant_id, tenantSequence, event.id, head.hash, hash);
        state.set(row.tenant_id, { sequence: head.sequence + 1n, hash });
      }
      const values = rows.map((_, index) => `($${index * 5 + 1}::uuid, $${index * 5 + 2}::bigint, $${index * 5 + 3}::uuid, $${index * 5 + 4}, $${index * 5 + 5}, now())`);
      await em.query(
        `INSERT INTO event_chain (tenant_id, tenant_sequence, event_id, previous_hash, hash, chained_at) VALUES ${values.join(', ')}`,
        links,
      );
      const newHeads = [...state.entries()];
      await em.query(
        `UPDATE event_chain_heads h SET sequence = v.sequence, hash = v.hash
           FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS v(tenant_id, sequence, hash)
          WHERE h.tenant_id = v.tenant_id`,
        [newHeads.map(([tenant]) => tenant), newHeads.map(([, head]) => head.sequence.toString()), newHeads.map(([, head]) => head.hash)],
      );
      await em.query(`DELETE FROM event_chain_pending WHERE position = ANY($1::bigint[])`, [rows.map((row) => row.position)]);
      // Delivered at commit: wakes the webhook fan-out, which follows the chain.
      await em.query(`SELECT pg_notify('${CHAINED_CHANNEL}', '')`);
      return rows.length;
    });
  }
}
