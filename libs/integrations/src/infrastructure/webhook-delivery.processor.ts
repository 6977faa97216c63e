import { randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { AjarEnvironment } from '@ajar/config';
import { EgressClient, EgressFailed, EgressRefused } from '@ajar/egress';
import { ConsumesQueue, QueueConsumer, QueueEnvelope, Queues, QueueRegistry } from '@ajar/messaging';
import { failingTooLong, judgeAttempt, parseDurations } from '../domain/delivery-schedule';
import { webhookId } from '../domain/integration-event';
import { deliveryJob } from './webhook-delivery-jobs';
import { AttemptRecord, DeliveryToAttempt, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookEndpointDisabler } from './webhook-endpoint-disabler';
import { WebhookMetrics } from './webhook-metrics';

const EXCERPT_BYTES = 1024;

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
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly egress: EgressClient,
    private readonly queues: QueueRegistry,
    private readonly disabler: WebhookEndpointDisabler,
    private readonly env: AjarEnvironment,
    private readonly metrics: WebhookMetrics,
  ) {
    this.schedule = parseDurations(env.AJAR_WEBHOOK_RETRY_SCHEDULE);
    [this.disableAfterMs] = parseDurations(env.AJAR_WEBHOOK_DISABLE_AFTER);
  }

  async consume(envelope: QueueEnvelope): Promise<void> {
    const deliveryId = String(envelope.data.deliveryId);
    const attempt = Number(envelope.data.attempt);
    const loaded = await this.deliveries.findForAttempt(deliveryId);
    const delivery = loaded?.tenantId === envelope.tenantId ? loaded : undefined;
    if (!delivery || delivery.state !== 'pending' || delivery.attempts !== attempt - 1) return;
    if (delivery.endpointState !== 'enabled' || delivery.deletedAt !== null) {
      await this.deliveries.cancel(deliveryId, attempt - 1, delivery.deletedAt !== null ? 'endpoint deleted' : 'endpoint disabled');
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
    const recorded = await this.deliveries.recordAttempt({ delivery, attempt, sentAt, record, verdict });
    if (!recorded) {
      this.logger.log({ deliveryId: delivery.id, attempt }, 'attempt already recorded by another job');
      return; // another copy of this job got there first
    }
    this.metrics.attempted(verdict, record.status);

    if (verdict.kind === 'endpoint_gone') {
      await this.disabler.disable(delivery.tenantId, delivery.endpointId, 'gone', 'the receiver answered 410 Gone', record.status);
    } else if (verdict.kind !== 'succeeded' && failingTooLong(delivery.failingSince ?? sentAt, now, this.disableAfterMs)) {
      await this.disabler.disable(delivery.tenantId, delivery.endpointId, 'failing', `every attempt has failed since ${(delivery.failingSince ?? sentAt).toISOString()}`, record.status);
    }
    if (verdict.kind === 'retry') {
      const next = deliveryJob({
        tenantId: delivery.tenantId,
        deliveryId,
        attempt: attempt + 1,
        correlationId: envelope.correlationId,
        causationId: envelope.causationId,
        delayMs: verdict.delayMs,
      });
      await this.queues.get(Queues.Webhooks).add(next.name, next.data, next.opts);
    }
  }

  private async send(delivery: DeliveryToAttempt, sentAt: Date): Promise<AttemptRecord> {
    const id = webhookId(delivery.messageId);
    const signatures = [this.signer(delivery.secret).sign(id, sentAt, delivery.body)];
    if (delivery.previousSecret && delivery.previousSecretExpiresAt && delivery.previousSecretExpiresAt > sentAt) {
      signatures.push(this.signer(delivery.previousSecret).sign(id, sentAt, delivery.body));
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
}
