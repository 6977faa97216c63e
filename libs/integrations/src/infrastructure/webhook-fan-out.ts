import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AjarEnvironment } from '@ajar/config';
import { AfterCommitLoop, CHAINED_CHANNEL, CommitSignal, uuidv7 } from '@ajar/database';
import { Queues, QueueRegistry } from '@ajar/messaging';
import { subscribes, toIntegrationEvent, webhookBody } from '../domain/integration-event';
import { deliveryJob, DeliveryJob } from './webhook-delivery-jobs';

/** Events read per tenant per batch. */
const EVENTS_PER_TENANT = 500;
const TENANTS_PER_BATCH = 20;

interface CursorRow {
  tenant_id: string;
  sequence: string;
}

interface ChainedEventRow {
  tenant_id: string;
  tenant_sequence: string;
  id: string;
  stream_type: string;
  stream_id: string;
  stream_version: number;
  type: string;
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
  occurred_at: Date;
}

interface EndpointRow {
  id: string;
  tenant_id: string;
  event_types: string[];
}

/**
 * Turns committed events into webhook messages and deliveries. It follows each tenant's hash
 * chain — gap-free and holding committed events only — with a cursor advanced in the same
 * transaction as the deliveries it writes, so every event is fanned out exactly once, in order,
 * whatever crashes. Jobs are added after commit; a job lost in between is re-created by the
 * sweeper from the delivery row.
 */
@Injectable()
export class WebhookFanOut extends AfterCommitLoop {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    signal: CommitSignal,
    env: AjarEnvironment,
  ) {
    super(signal, { idleMs: env.AJAR_OUTBOX_POLL_MS, coalesceMs: 5, fullBatch: EVENTS_PER_TENANT, channel: CHAINED_CHANNEL });
  }

  async runBatch(): Promise<number> {
    const { events, jobs } = await this.fanOutBatch();
    if (jobs.length > 0) await this.queues.get(Queues.Webhooks).addBulk(jobs.map(deliveryJob));
    return events;
  }

  /** Fans out one batch; returns the events read and the delivery jobs to add. */
  async fanOutBatch(): Promise<{ events: number; jobs: DeliveryJob[] }> {
    return this.dataSource.transaction(async (em) => {
      const cursors: CursorRow[] = await em.query(
        `SELECT c.tenant_id, c.sequence FROM webhook_cursors c JOIN event_chain_heads h ON h.tenant_id = c.tenant_id
          WHERE h.sequence > c.sequence ORDER BY c.tenant_id LIMIT $1 FOR UPDATE OF c SKIP LOCKED`,
        [TENANTS_PER_BATCH],
      );
      if (cursors.length === 0) return { events: 0, jobs: [] };
      const tenants = cursors.map((cursor) => cursor.tenant_id);
      const rows: ChainedEventRow[] = await em.query(
        `SELECT l.tenant_id, l.tenant_sequence, e.id, e.stream_type, e.stream_id, e.stream_version, e.type, e.payload, e.metadata, e.occurred_at
           FROM unnest($1::uuid[], $2::bigint[]) AS c(tenant_id, sequence)
           JOIN event_chain l ON l.tenant_id = c.tenant_id AND l.tenant_sequence > c.sequence AND l.tenant_sequence <= c.sequence + $3
           JOIN events e ON e.id = l.event_id
          ORDER BY l.tenant_id, l.tenant_sequence`,
        [tenants, cursors.map((cursor) => cursor.sequence), EVENTS_PER_TENANT],
      );
      const endpoints: EndpointRow[] = await em.query(
        `SELECT id, tenant_id, event_types FROM webhook_endpoints WHERE tenant_id = ANY($1::uuid[]) AND state = 'enabled' AND deleted_at IS NULL`,
        [tenants],
      );
      const byTenant = new Map<string, EndpointRow[]>();
      for (const endpoint of endpoints) byTenant.set(endpoint.tenant_id, [...(byTenant.get(endpoint.tenant_id) ?? []), endpoint]);

      const messages = { id: [] as string[], tenant: [] as string[], type: [] as string[], body: [] as string[], at: [] as Date[] };
      const deliveries = { id: [] as string[], tenant: [] as string[], message: [] as string[], endpoint: [] as string[] };
      const jobs: DeliveryJob[] = [];
      const reached = new Map<string, string>();
      for (const row of rows) {
        reached.set(row.tenant_id, row.tenant_sequence);
        const event = toIntegrationEvent({
          id: row.id,
          streamType: row.stream_type,
          streamId: row.stream_id,
          streamVersion: row.stream_version,
          type: row.type,
          payload: row.payload,
          metadata: row.metadata,
          occurredAt: row.occurred_at,
        });
        if (!event) continue;
        const receivers = (byTenant.get(row.tenant_id) ?? []).filter((endpoint) => subscribes(endpoint.event_types, event.type));
        if (receivers.length === 0) continue;
        messages.id.push(row.id);
        messages.tenant.push(row.tenant_id);
        messages.type.push(event.type);
        messages.body.push(webhookBody(event));
        messages.at.push(row.occurred_at);
        for (const endpoint of receivers) {
          const deliveryId = uuidv7();
          deliveries.id.push(deliveryId);
          deliveries.tenant.push(row.tenant_id);
          deliveries.message.push(row.id);
          deliveries.endpoint.push(endpoint.id);
          jobs.push({
            tenantId: row.tenant_id,
            deliveryId,
            attempt: 1,
            correlationId: String(row.metadata.correlationId ?? row.id),
            causationId: row.id,
          });
        }
      }
      if (messages.id.length > 0) {
        await em.query(
          `INSERT INTO webhook_messages (id, tenant_id, event_type, body, created_at)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) ON CONFLICT (id) DO NOTHING`,
          [messages.id, messages.tenant, messages.type, messages.body, messages.at],
        );
        await em.query(
          `INSERT INTO webhook_deliveries (id, tenant_id, message_id, endpoint_id, origin, state, attempts, next_attempt_at, created_at, updated_at)
           SELECT d.id, d.tenant_id, d.message_id, d.endpoint_id, 'event', 'pending', 0, now(), now(), now()
             FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS d(id, tenant_id, message_id, endpoint_id)`,
          [deliveries.id, deliveries.tenant, deliveries.message, deliveries.endpoint],
        );
      }
      // A tenant whose window held no chain rows cannot happen (its head is ahead); advance
      // each cursor to the last sequence read.
      const advanced = [...reached.entries()];
      await em.query(
        `UPDATE webhook_cursors c SET sequence = v.sequence FROM unnest($1::uuid[], $2::bigint[]) AS v(tenant_id, sequence) WHERE c.tenant_id = v.tenant_id`,
        [advanced.map(([tenant]) => tenant), advanced.map(([, sequence]) => sequence)],
      );
      return { events: rows.length, jobs };
    });
  }
}
