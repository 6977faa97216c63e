import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChainPosition, EventFeedQueryService, FeedEvent } from '@ajar/event-store';
import { Queues } from '@ajar/messaging';
import { Outbox } from '@ajar/outbox';
import type { AttemptVerdict } from '../domain/delivery-schedule';
import { DELIVER_JOB } from './webhook-delivery-jobs';

/** An enabled endpoint as the fan-out needs it. */
export interface ReceivingEndpoint {
  id: string;
  tenantId: string;
  eventTypes: string[];
}

export interface NewWebhookMessage {
  id: string;
  tenantId: string;
  eventType: string;
  body: string;
  createdAt: Date;
}

export interface NewWebhookDelivery {
  id: string;
  tenantId: string;
  messageId: string;
  endpointId: string;
}

/** What one fan-out batch writes, and what it hands back to its caller (the jobs to add). */
export interface FanOutWrites<T> {
  messages: NewWebhookMessage[];
  deliveries: NewWebhookDelivery[];
  result: T;
}

/** A delivery with its message's body and its endpoint, as an attempt needs them. */
export interface DeliveryToAttempt {
  id: string;
  tenantId: string;
  messageId: string;
  endpointId: string;
  state: string;
  attempts: number;
  body: string;
  url: string;
  endpointState: string;
  deletedAt: Date | null;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  failingSince: Date | null;
}

/** What one attempt gave. */
export interface AttemptRecord {
  outcome: string;
  status: number | null;
  latencyMs: number;
  error: string | null;
  excerpt: string | null;
  retryAfter?: string;
}

export interface AttemptToRecord {
  delivery: DeliveryToAttempt;
  attempt: number;
  sentAt: Date;
  record: AttemptRecord;
  verdict: AttemptVerdict;
}

export interface OverdueDelivery {
  id: string;
  tenantId: string;
  attempts: number;
  messageId: string;
}

/** A receiver a replay may go to. `state` is known when the endpoint was named. */
export interface ReplayReceiver {
  id: string;
  eventTypes: string[];
  state?: string;
}

/** Accepts a replay's receivers (it throws to refuse them). */
export type ReplayCheck = (candidates: ReplayReceiver[]) => void;

/**
 * Webhook messages, their deliveries and attempts, and the fan-out cursors. Raw SQL: array-driven
 * bulk writes (`unnest`), `FOR UPDATE SKIP LOCKED` claims and the one-statement attempt record
 * (data-modifying CTEs) are PostgreSQL's own.
 */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: EventFeedQueryService,
    private readonly outbox: Outbox,
  ) {}

  /**
   * One fan-out batch in one transaction: claims the cursors of up to `tenants` tenants whose
   * chain has moved on (SKIP LOCKED: replicas share the work), reads up to `perTenant` events of
   * each from the event store's feed, lets `plan` turn them into messages and deliveries, writes
   * those and advances each cursor to the last event read. Every event is fanned out exactly once.
   */
  async fanOut<T>(
    tenants: number,
    perTenant: number,
    plan: (events: FeedEvent[], endpoints: ReceivingEndpoint[]) => FanOutWrites<T>,
  ): Promise<{ events: number; result: T } | undefined> {
    return this.dataSource.transaction(async (em) => {
      const positions: { tenant_id: string; sequence: string }[] = await em.query(`SELECT tenant_id, sequence FROM webhook_cursors`);
      const ahead = await this.feed.tenantsAhead(
        positions.map((position) => ({ tenantId: position.tenant_id, sequence: String(position.sequence) })),
        em,
      );
      if (ahead.length === 0) return undefined;
      const locked: { tenant_id: string; sequence: string }[] = await em.query(
        `SELECT tenant_id, sequence FROM webhook_cursors WHERE tenant_id = ANY($1::uuid[]) ORDER BY tenant_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [ahead, tenants],
      );
      if (locked.length === 0) return undefined;
      const cursors: ChainPosition[] = locked.map((cursor) => ({ tenantId: cursor.tenant_id, sequence: String(cursor.sequence) }));
      const events = await this.feed.eventsAfter(cursors, perTenant, em);
      const endpoints: { id: string; tenant_id: string; event_types: string[] }[] = await em.query(
        `SELECT id, tenant_id, event_types FROM webhook_endpoints WHERE tenant_id = ANY($1::uuid[]) AND state = 'enabled' AND deleted_at IS NULL`,
        [cursors.map((cursor) => cursor.tenantId)],
      );
      const writes = plan(
        events,
        endpoints.map((endpoint) => ({ id: endpoint.id, tenantId: endpoint.tenant_id, eventTypes: endpoint.event_types })),
      );
      if (writes.messages.length > 0) {
        await em.query(
          `INSERT INTO webhook_messages (id, tenant_id, event_type, body, created_at)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) ON CONFLICT (id) DO NOTHING`,
          [
            writes.messages.map((message) => message.id),
            writes.messages.map((message) => message.tenantId),
            writes.messages.map((message) => message.eventType),
            writes.messages.map((message) => message.body),
            writes.messages.map((message) => message.createdAt),
          ],
        );
      }
      if (writes.deliveries.length > 0) {
        await em.query(
          `INSERT INTO webhook_deliveries (id, tenant_id, message_id, endpoint_id, origin, state, attempts, next_attempt_at, created_at, updated_at)
           SELECT d.id, d.tenant_id, d.message_id, d.endpoint_id, 'event', 'pending', 0, now(), now(), now()
             FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS d(id, tenant_id, message_id, endpoint_id)`,
          [
            writes.deliveries.map((delivery) => delivery.id),
            writes.deliveries.map((delivery) => delivery.tenantId),
            writes.deliveries.map((delivery) => delivery.messageId),
            writes.deliveries.map((delivery) => delivery.endpointId),
          ],
        );
      }
      // Each cursor moves to the last sequence read (events come by tenant, then sequence). A
      // tenant whose window held no event keeps its cursor: its head moved on after it was read.
      const reached = new Map<string, string>();
      for (const event of events) reached.set(event.tenantId, event.tenantSequence);
      const advanced = [...reached.entries()];
      await em.query(
        `UPDATE webhook_cursors c SET sequence = v.sequence FROM unnest($1::uuid[], $2::bigint[]) AS v(tenant_id, sequence) WHERE c.tenant_id = v.tenant_id`,
        [advanced.map(([tenant]) => tenant), advanced.map(([, sequence]) => sequence)],
      );
      return { events: events.length, result: writes.result };
    });
  }

  async findForAttempt(id: string): Promise<DeliveryToAttempt | undefined> {
    const rows: {
      id: string;
      tenant_id: string;
      message_id: string;
      endpoint_id: string;
      state: string;
      attempts: number;
      body: string;
      url: string;
      endpoint_state: string;
      deleted_at: Date | null;
      secret: string;
      previous_secret: string | null;
      previous_secret_expires_at: Date | null;
      failing_since: Date | null;
    }[] = await this.dataSource.query(
      `SELECT d.id, d.tenant_id, d.message_id, d.endpoint_id, d.state, d.attempts, m.body, e.url, e.state AS endpoint_state,
              e.deleted_at, e.secret, e.previous_secret, e.previous_secret_expires_at, e.failing_since
         FROM webhook_deliveries d
         JOIN webhook_messages m ON m.id = d.message_id
         JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      messageId: row.message_id,
      endpointId: row.endpoint_id,
      state: row.state,
      attempts: row.attempts,
      body: row.body,
      url: row.url,
      endpointState: row.endpoint_state,
      deletedAt: row.deleted_at,
      secret: row.secret,
      previousSecret: row.previous_secret,
      previousSecretExpiresAt: row.previous_secret_expires_at,
      failingSince: row.failing_since,
    };
  }

  /** Cancels the delivery if it still owes attempt `owed + 1`. */
  async cancel(id: string, owed: number, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET state = 'cancelled', next_attempt_at = NULL, last_error = $3, updated_at = now()
        WHERE id = $1 AND attempts = $2 AND state = 'pending'`,
      [id, owed, reason],
    );
  }

  /**
   * The attempt, its delivery's new state and the endpoint's failing streak, as one statement. The
   * attempt counts only if its delivery still owed it (a copy of the job may have recorded it
   * first); the answer says whether it counted.
   */
  async recordAttempt(entry: AttemptToRecord): Promise<boolean> {
    const { delivery, verdict, record } = entry;
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH input AS (
         SELECT $1::uuid AS delivery_id, $2::int AS owed, $3::text AS state, $4::timestamptz AS next_attempt_at, $5::int AS status,
                $6::text AS last_error, $7::uuid AS tenant_id, $8::uuid AS endpoint_id, $9::uuid AS message_id, $10::int AS attempt,
                $11::timestamptz AS attempted_at, $12::int AS latency_ms, $13::text AS outcome, $14::text AS error, $15::text AS excerpt,
                $16::bool AS succeeded
       ), updated AS (
         UPDATE webhook_deliveries d
            SET state = i.state, attempts = i.owed + 1, next_attempt_at = i.next_attempt_at, last_status = i.status, last_error = i.last_error, updated_at = now()
           FROM input i WHERE d.id = i.delivery_id AND d.attempts = i.owed AND d.state = 'pending'
         RETURNING d.id
       ), recorded AS (
         INSERT INTO webhook_attempts (tenant_id, delivery_id, endpoint_id, message_id, attempt, attempted_at, latency_ms, status, outcome, error, response_excerpt)
         SELECT i.tenant_id, i.delivery_id, i.endpoint_id, i.message_id, i.attempt, i.attempted_at, i.latency_ms, i.status, i.outcome, i.error, i.excerpt
           FROM input i JOIN updated u ON u.id = i.delivery_id
       ), streaks AS (
         SELECT i.endpoint_id, bool_or(i.succeeded) AS healthy, min(i.attempted_at) FILTER (WHERE NOT i.succeeded) AS first_failure
           FROM input i JOIN updated u ON u.id = i.delivery_id GROUP BY i.endpoint_id
       ), streak_written AS (
         UPDATE webhook_endpoints e SET failing_since = CASE WHEN s.healthy THEN NULL ELSE s.first_failure END
           FROM streaks s
          WHERE e.id = s.endpoint_id AND CASE WHEN s.healthy THEN e.failing_since IS NOT NULL ELSE e.failing_since IS NULL END
       )
       SELECT id FROM updated`,
      [
        delivery.id,
        entry.attempt - 1,
        verdict.kind === 'succeeded' ? 'succeeded' : verdict.kind === 'retry' ? 'pending' : 'failed',
        verdict.kind === 'retry' ? new Date(Date.now() + verdict.delayMs) : null,
        record.status,
        verdict.kind === 'succeeded' ? null : verdict.reason.slice(0, 300),
        delivery.tenantId,
        delivery.endpointId,
        delivery.messageId,
        entry.attempt,
        entry.sentAt,
        record.latencyMs,
        record.outcome,
        record.error,
        record.excerpt,
        verdict.kind === 'succeeded',
      ],
    );
    return rows.length > 0;
  }

  /**
   * Deliveries still owed an attempt more than `graceMs` past its due time, in id order after
   * `afterId` (a sweep pages through all of them).
   */
  async overdue(graceMs: number, limit: number, afterId?: string): Promise<OverdueDelivery[]> {
    const rows: { id: string; tenant_id: string; attempts: number; message_id: string }[] = await this.dataSource.query(
      `SELECT id, tenant_id, attempts, message_id FROM webhook_deliveries
        WHERE state = 'pending' AND next_attempt_at < now() - make_interval(secs => $1::float8 / 1000)
          AND ($3::uuid IS NULL OR id > $3::uuid)
        ORDER BY id LIMIT $2`,
      [graceMs, limit, afterId ?? null],
    );
    return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, attempts: row.attempts, messageId: row.message_id }));
  }

  /** The event type of a tenant's webhook message, or undefined when it has none of that id. Messages are never changed. */
  async messageType(tenantId: string, messageId: string): Promise<string | undefined> {
    const messages: { event_type: string }[] = await this.dataSource.query(`SELECT event_type FROM webhook_messages WHERE tenant_id = $1 AND id = $2`, [tenantId, messageId]);
    return messages[0]?.event_type;
  }

  /**
   * New deliveries of a message to the receivers `check` accepts, with their outbox rows, in one
   * transaction. Without a named endpoint the candidates are the enabled endpoints that received
   * the message before; with one, that endpoint (whatever its state) if the tenant has it.
   */
  async replay(
    tenantId: string,
    messageId: string,
    endpointId: string | undefined,
    newDeliveryId: () => string,
    correlationId: string,
    check: ReplayCheck,
  ): Promise<{ id: string; endpointId: string }[]> {
    return this.dataSource.transaction(async (em) => {
      const candidates: { id: string; event_types: string[]; state?: string }[] =
        endpointId === undefined
          ? await em.query(
              `SELECT DISTINCT e.id, e.event_types FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.tenant_id = $1 AND d.message_id = $2 AND e.state = 'enabled' AND e.deleted_at IS NULL`,
              [tenantId, messageId],
            )
          : await em.query(`SELECT id, event_types, state FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`, [tenantId, endpointId]);
      const receivers: ReplayReceiver[] = candidates.map((row) => ({ id: row.id, eventTypes: row.event_types, ...(row.state !== undefined ? { state: row.state } : {}) }));
      check(receivers);
      const deliveries = receivers.map((receiver) => ({ id: newDeliveryId(), endpointId: receiver.id }));
      await em.query(
        `INSERT INTO webhook_deliveries (id, tenant_id, message_id, endpoint_id, origin, state, attempts, next_attempt_at, created_at, updated_at)
         SELECT d.id, $2, $3, d.endpoint_id, 'replay', 'pending', 0, now(), now(), now() FROM unnest($1::uuid[], $4::uuid[]) AS d(id, endpoint_id)`,
        [deliveries.map((delivery) => delivery.id), tenantId, messageId, deliveries.map((delivery) => delivery.endpointId)],
      );
      await this.outbox.add(
        em,
        deliveries.map((delivery) => ({
          tenantId,
          eventId: messageId,
          destination: Queues.Webhooks,
          type: DELIVER_JOB,
          correlationId,
          data: { deliveryId: delivery.id, attempt: 1 },
        })),
      );
      return deliveries;
    });
  }
}
