import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import type { QueueEnvelope, QueueName } from '@ajar/messaging';

export interface OutboxEntry {
  tenantId: string;
  eventId: string;
  destination: QueueName;
  type: string;
  correlationId: string;
  data: QueueEnvelope['data'];
}

/**
 * Writes outbox rows inside the command's transaction (one statement); the relay publishes them
 * after commit. The events appended in the same transaction notify the relay at commit.
 */
@Injectable()
export class Outbox {
  async add(em: EntityManager, entries: OutboxEntry[]): Promise<string[]> {
    if (entries.length === 0) return [];
    const ids = entries.map(() => uuidv7());
    const parameters = entries.flatMap((entry, index) => {
      const envelope: QueueEnvelope = {
        messageId: ids[index],
        type: entry.type,
        tenantId: entry.tenantId,
        correlationId: entry.correlationId,
        causationId: entry.eventId,
        data: entry.data,
      };
      return [ids[index], entry.tenantId, entry.eventId, entry.destination, entry.type, JSON.stringify(envelope)];
    });
    const rows = entries.map((_, index) => `($${index * 6 + 1}, $${index * 6 + 2}, $${index * 6 + 3}, $${index * 6 + 4}, $${index * 6 + 5}, $${index * 6 + 6}, now())`);
    await em.query(
      `INSERT INTO outbox_messages (id, tenant_id, event_id, destination, job_name, envelope, created_at) VALUES ${rows.join(', ')}`,
      parameters,
    );
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
