import { randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { AjarEnvironment } from '@ajar/config';
import { WriteBatch } from '@ajar/database';
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
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT d.id, d.tenant_id, d.message_id, d.endpoint_id, d.state, d.attempts, m.body, e.url, e.state AS endpoint_state, e.deleted_at,
              e.secret, e.previous_secret, e.previous_secret_expires_at, e.failing_since
         FROM webhook_deliveries d
         JOIN webhook_messages m ON m.id = d.message_id
         JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1 AND d.tenant_id = $2`,
      [deliveryId, envelope.tenantId],
    );
    const delivery = rows[0];
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
    const recorded = await this.recordAttempt(delivery, attempt, sentAt, record, verdict);
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
    const signatures = [new Webhook(delivery.secret).sign(id, sentAt, delivery.body)];
    if (delivery.previous_secret && delivery.previous_secret_expires_at && delivery.previous_secret_expires_at > sentAt) {
      signatures.push(new Webhook(delivery.previous_secret).sign(id, sentAt, delivery.body));
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

  /** The attempt, the delivery's state and the endpoint's failing streak, as one statement. */
  private async recordAttempt(delivery: DeliveryRow, attempt: number, sentAt: Date, record: AttemptRecord, verdict: AttemptVerdict): Promise<boolean> {
    const state = verdict.kind === 'succeeded' ? 'succeeded' : verdict.kind === 'retry' ? 'pending' : 'failed';
    const nextAttemptAt = verdict.kind === 'retry' ? new Date(Date.now() + verdict.delayMs) : null;
    const lastError = verdict.kind === 'succeeded' ? null : verdict.reason.slice(0, 300);
    const batch = new WriteBatch();
    const updated = batch.add(
      `UPDATE webhook_deliveries SET state = $3, attempts = $2 + 1, next_attempt_at = $4, last_status = $5, last_error = $6, updated_at = now()
        WHERE id = $1 AND attempts = $2 AND state = 'pending' RETURNING id`,
      [delivery.id, attempt - 1, state, nextAttemptAt, record.status, lastError],
    );
    batch.add(
      `INSERT INTO webhook_attempts (tenant_id, delivery_id, endpoint_id, message_id, attempt, attempted_at, latency_ms, status, outcome, error, response_excerpt)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM ${updated}`,
      [delivery.tenant_id, delivery.id, delivery.endpoint_id, delivery.message_id, attempt, sentAt, record.latencyMs, record.status, record.outcome, record.error, record.excerpt],
    );
    batch.add(
      verdict.kind === 'succeeded'
        ? `UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL AND EXISTS (SELECT 1 FROM ${updated})`
        : `UPDATE webhook_endpoints SET failing_since = $2 WHERE id = $1 AND failing_since IS NULL AND EXISTS (SELECT 1 FROM ${updated})`,
      verdict.kind === 'succeeded' ? [delivery.endpoint_id] : [delivery.endpoint_id, sentAt],
    );
    batch.output('recorded', `(SELECT count(*)::int FROM ${updated})`);
    const result = await batch.execute(this.dataSource);
    if (result.recorded !== 1) this.logger.log({ deliveryId: delivery.id, attempt }, 'attempt already recorded by another job');
    return result.recorded === 1;
  }
}
