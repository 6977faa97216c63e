import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { uuidv7, WriteBatch } from '@ajar/database';
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
 * Writes outbox rows atomically with the command's other writes (its transaction or its batch);
 * the relay publishes them after commit. The events appended with them notify the relay at commit.
 */
@Injectable()
export class Outbox {
  async add(em: EntityManager, entries: OutboxEntry[]): Promise<string[]> {
    const batch = new WriteBatch();
    const ids = this.addTo(batch, entries);
    await batch.execute(em);
    return ids;
  }

  /** Adds the rows to a batch the caller runs together with the command's other writes. */
  addTo(batch: WriteBatch, entries: OutboxEntry[]): string[] {
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
    batch.add(
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
    const batch = new WriteBatch();
    const claimed = this.claimIn(batch, consumer, messageId);
    batch.output('claimed', `EXISTS (SELECT 1 FROM ${claimed})`);
    const result = await batch.execute(em);
    return result.claimed === true;
  }

  /**
   * The claim as a statement of the consumer's batch; returns its name, which has a row only if
   * this is the first time the message is handled (the consumer's writes depend on it).
   */
  claimIn(batch: WriteBatch, consumer: string, messageId: string): string {
    return batch.add(
      `INSERT INTO inbox_messages (consumer, message_id, processed_at) VALUES ($1, $2, now())
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [consumer, messageId],
    );
  }
}
