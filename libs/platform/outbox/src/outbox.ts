import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import type { QueueEnvelope, QueueName } from '@ajar/messaging';

export const OUTBOX_CHANNEL = 'ajar_outbox';

export interface OutboxEntry {
  tenantId: string;
  eventId: string;
  destination: QueueName;
  type: string;
  correlationId: string;
  data: QueueEnvelope['data'];
}

/** Writes outbox rows inside the command's transaction; the relay publishes them after commit. */
@Injectable()
export class Outbox {
  async add(em: EntityManager, entries: OutboxEntry[]): Promise<string[]> {
    const ids: string[] = [];
    for (const entry of entries) {
      const id = uuidv7();
      const envelope: QueueEnvelope = {
        messageId: id,
        type: entry.type,
        tenantId: entry.tenantId,
        correlationId: entry.correlationId,
        causationId: entry.eventId,
        data: entry.data,
      };
      await em.query(
        `INSERT INTO outbox_messages (id, tenant_id, event_id, destination, job_name, envelope, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [id, entry.tenantId, entry.eventId, entry.destination, entry.type, JSON.stringify(envelope)],
      );
      ids.push(id);
    }
    if (ids.length > 0) {
      // Delivered at commit only; wakes the relay at once instead of at its next poll.
      await em.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    }
    return ids;
  }
}

/** Consumers call this first in their transaction: false means the message was already handled. */
@Injectable()
export class Inbox {
  async claim(em: EntityManager, consumer: string, messageId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO inbox_messages (consumer, message_id, processed_at) VALUES ($1, $2, now())
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [consumer, messageId],
    );
    return rows.length === 1;
  }
}
