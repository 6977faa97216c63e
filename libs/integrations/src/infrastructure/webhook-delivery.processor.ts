import { randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { AjarEnvironment } from '@ajar/config';
import { EgressClient, EgressFailed, EgressRefused } from '@ajar/egress';
import { ConsumesQueue, QueueConsumer, QueueEnvelope, Queues, QueueRegistry } from '@ajar/messaging';
import { AttemptVerdict, failingTooLong, judgeAttempt, parseDurations } from '../domain/delivery-schedule';
import { webhookId } from '../domain/integration-event';
import { deliveryJob } from './webhook-delivery-jobs';
import { WebhookEndpointDisabler } from './webhook-endpoint-disabler';

const EXCERPT_BYTES = 1024;

interface DeliveryRow {
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
}

interface AttemptToRecord {
  delivery: DeliveryRow;
  attempt: number;
  sentAt: Date;
  record: AttemptRecord;
  verdict: AttemptVerdict;
}

const DELIVERY_COLUMNS = `d.id, d.tenant_id, d.message_id, d.endpoint_id, d.state, d.attempts, m.body, e.url, e.state AS endpoint_state,
  e.deleted_at, e.secret, e.previous_secret, e.previous_secret_expires_at, e.failing_since`;

interface AttemptRecord {
  outcome: string;
  status: number | null;
  latencyMs: number;
  error: string | null;
  excerpt: string | null;
  retryAfter?: string;
}

/**
 * Sends one attempt of one delivery: signs the stored body (Standard Webhooks, with the previous
 * secret too during a rotation's overlap), posts it through the SSRF-safe egress client, records
 * the attempt and the delivery's new state in one statement, and schedules the next attempt as a
 * delayed job. A job whose attempt the database no longer owes (done, cancelled, superseded) is a
 * no-op, so redelivered and re-created jobs are harmless.
 */
@Injectable()
@ConsumesQueue(Queues.Webhooks, { concurrency: (env) => env.AJAR_WEBHOOK_CONCURRENCY })
export class WebhookDeliveryProcessor implements QueueConsumer {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);
  private readonly schedule: number[];
  private readonly disableAfterMs: number;
  private readonly signers = new Map<string, Webhook>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly egress: EgressClient,
    private readonly queues: QueueRegistry,
    private readonly disabler: WebhookEndpointDisabler,
    private readonly env: AjarEnvironment,
  ) {
    this.schedule = parseDurations(env.AJAR_WEBHOOK_RETRY_SCHEDULE);
    [this.disableAfterMs] = parseDurations(env.AJAR_WEBHOOK_DISABLE_AFTER);
  }

  async consume(envelope: QueueEnvelope): Promise<void> {
    const deliveryId = String(envelope.data.deliveryId);
    const attempt = Number(envelope.data.attempt);
    const loaded = await this.loadDelivery(deliveryId);
    const delivery = loaded?.tenant_id === envelope.tenantId ? loaded : undefined;
    if (!delivery || delivery.state !== 'pending' || delivery.attempts !== attempt - 1) return;
    if (delivery.endpoint_state !== 'enabled' || delivery.deleted_at !== null) {
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET state = 'cancelled', next_attempt_at = NULL, last_error = $3, updated_at = now()
          WHERE id = $1 AND attempts = $2 AND state = 'pending'`,
        [deliveryId, attempt - 1, delivery.deleted_at !== null ? 'endpoint deleted' : 'endpoint disabled'],
      );
      return;
    }

    const sentAt = new Date();
    const record = await this.send(delivery, sentAt);
    const now = new Date();
    const verdict = judgeAttempt(
      { ...(record.status !== null ? { status: record.status } : {}), retryAfter: record.retryAfter, failure: record.error ?? undefined },
      attempt,
      this.schedule,
      randomInt(0, 1_000_000) / 1_000_000,
      now,
    );
    const recorded = await this.recordAttempt({ delivery, attempt, sentAt, record, verdict });
    if (!recorded) return; // another copy of this job got there first

    if (verdict.kind === 'endpoint_gone') {
      await this.disabler.disable(delivery.tenant_id, delivery.endpoint_id, 'gone', 'the receiver answered 410 Gone', record.status);
    } else if (verdict.kind !== 'succeeded' && failingTooLong(delivery.failing_since ?? sentAt, now, this.disableAfterMs)) {
      await this.disabler.disable(delivery.tenant_id, delivery.endpoint_id, 'failing', `every attempt has failed since ${(delivery.failing_since ?? sentAt).toISOString()}`, record.status);
    }
    if (verdict.kind === 'retry') {
      const next = deliveryJob({
        tenantId: delivery.tenant_id,
        deliveryId,
        attempt: attempt + 1,
        correlationId: envelope.correlationId,
        causationId: envelope.causationId,
        delayMs: verdict.delayMs,
      });
      await this.queues.get(Queues.Webhooks).add(next.name, next.data, next.opts);
    }
  }

  private async send(delivery: DeliveryRow, sentAt: Date): Promise<AttemptRecord> {
    const id = webhookId(delivery.message_id);
    const signatures = [this.signer(delivery.secret).sign(id, sentAt, delivery.body)];
    if (delivery.previous_secret && delivery.previous_secret_expires_at && delivery.previous_secret_expires_at > sentAt) {
      signatures.push(this.signer(delivery.previous_secret).sign(id, sentAt, delivery.body));
    }
    const started = performance.now();
    try {
      const response = await this.egress.post(delivery.url, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Ajar-Webhooks/1',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signatures.join(' '),
        },
        body: delivery.body,
        timeoutMs: this.env.AJAR_WEBHOOK_TIMEOUT_MS,
        maxExcerptBytes: EXCERPT_BYTES,
      });
      const succeeded = response.status >= 200 && response.status < 300;
      return {
        outcome: succeeded ? 'succeeded' : 'failed',
        status: response.status,
        latencyMs: Math.round(response.latencyMs),
        error: null,
        excerpt: response.bodyExcerpt,
        retryAfter: response.headers['retry-after'],
      };
    } catch (error) {
      const latencyMs = Math.round(performance.now() - started);
      if (error instanceof EgressRefused) return { outcome: 'refused', status: null, latencyMs, error: error.message.slice(0, 300), excerpt: null };
      if (error instanceof EgressFailed) return { outcome: error.code, status: null, latencyMs, error: error.message.slice(0, 300), excerpt: null };
      throw error;
    }
  }

  private signer(secret: string): Webhook {
    let signer = this.signers.get(secret);
    if (!signer) {
      if (this.signers.size >= 10_000) this.signers.clear();
      signer = new Webhook(secret);
      this.signers.set(secret, signer);
    }
    return signer;
  }

  private async loadDelivery(id: string): Promise<DeliveryRow | undefined> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d
         JOIN webhook_messages m ON m.id = d.message_id
         JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1`,
      [id],
    );
    return rows[0];
  }

  /**
   * The attempt, its delivery's new state and the endpoint's failing streak, as one statement. The
   * attempt counts only if its delivery still owed it (a copy of the job may have recorded it
   * first); the answer says whether it counted.
   */
  private async recordAttempt(entry: AttemptToRecord): Promise<boolean> {
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
        delivery.tenant_id,
        delivery.endpoint_id,
        delivery.message_id,
        entry.attempt,
        entry.sentAt,
        record.latencyMs,
        record.outcome,
        record.error,
        record.excerpt,
        verdict.kind === 'succeeded',
      ],
    );
    if (rows.length === 0) {
      this.logger.log({ deliveryId: delivery.id, attempt: entry.attempt }, 'attempt already recorded by another job');
      return false;
    }
    return true;
  }
}
