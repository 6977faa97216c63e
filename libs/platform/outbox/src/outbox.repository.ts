import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { uuidv7 } from '@ajar/database';
import type { QueueEnvelope, QueueName } from '@ajar/messaging';

// Raw SQL in this file: array-driven multi-row inserts, `ON CONFLICT DO NOTHING` claims and
// `FOR UPDATE SKIP LOCKED`, which is how several relays share the outbox.

export interface OutboxEntry {
  tenantId: string;
  eventId: string;
  destination: QueueName;
  type: string;
  correlationId: string;
  data: QueueEnvelope['data'];
}

/**
 * Writes outbox rows in the command's transaction, so they commit with its other writes; the
 * relay publishes them after commit. The events appended with them notify the relay at commit.
 */
@Injectable()
export class Outbox {
  async add(em: EntityManager, entries: OutboxEntry[]): Promise<string[]> {
    if (entries.length === 0) return [];
    const ids = entries.map(() => uuidv7());
    const envelopes = entries.map((entry, index) => {
      const envelope: QueueEnvelope = {
        messageId: ids[index],
        type: entry.type,
        tenantId: entry.tenantId,
        correlationId: entry.correlationId,
        causationId: entry.eventId,
        data: entry.data,
      };
      return JSON.stringify(envelope);
    });
    // One statement for any number of rows; the envelopes go as one JSON array, taken apart by
    // position.
    await em.query(
      `INSERT INTO outbox_messages (id, tenant_id, event_id, destination, job_name, envelope, created_at)
       SELECT o.id, o.tenant_id, o.event_id, o.destination, o.job_name, $6::jsonb -> (o.ordinality::int - 1), now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) WITH ORDINALITY AS o(id, tenant_id, event_id, destination, job_name, ordinality)`,
      [
        ids,
        entries.map((entry) => entry.tenantId),
        entries.map((entry) => entry.eventId),
        entries.map((entry) => entry.destination),
        entries.map((entry) => entry.type),
        `[${envelopes.join(',')}]`,
      ],
    );
    return ids;
  }
}

/** Consumers call this first in their transaction: false means the message was already handled. */
@Injectable()
export class Inbox {
  async claim(em: EntityManager, consumer: string, messageId: string): Promise<boolean> {
    const claimed: { message_id: string }[] = await em.query(
      `INSERT INTO inbox_messages (consumer, message_id, processed_at) VALUES ($1, $2, now())
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [consumer, messageId],
    );
    return claimed.length === 1;
  }
}

/** An outbox row waiting to be published. */
export interface PendingOutboxMessage {
  id: string;
  destination: QueueName;
  jobName: string;
  envelope: QueueEnvelope;
}

/** The relay's side of the outbox: claims unpublished rows and marks them published. */
@Injectable()
export class OutboxMessageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * In one transaction: claims up to `limit` unpublished rows (SKIP LOCKED, so replicas relay side
   * by side), hands them to `publish`, then marks them published. Returns how many it moved.
   */
  async publishPending(limit: number, publish: (messages: PendingOutboxMessage[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: { id: string; destination: QueueName; job_name: string; envelope: QueueEnvelope }[] = await em.query(
        `SELECT id, destination, job_name, envelope FROM outbox_messages
          WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      await publish(rows.map((row) => ({ id: row.id, destination: row.destination, jobName: row.job_name, envelope: row.envelope })));
      await em.query(`UPDATE outbox_messages SET published_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }
}
