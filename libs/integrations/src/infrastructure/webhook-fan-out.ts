import { Injectable } from '@nestjs/common';
import { AjarEnvironment } from '@ajar/config';
import { AfterCommitLoop, CHAINED_CHANNEL, CommitSignal, uuidv7 } from '@ajar/database';
import type { FeedEvent } from '@ajar/event-store';
import { Queues, QueueRegistry } from '@ajar/messaging';
import { subscribes, toIntegrationEvent, webhookBody } from '../domain/integration-event';
import { deliveryJob, DeliveryJob } from './webhook-delivery-jobs';
import { FanOutWrites, ReceivingEndpoint, WebhookDeliveryRepository } from './webhook-delivery.repository';

/** Events read per tenant per batch. */
const EVENTS_PER_TENANT = 500;
const TENANTS_PER_BATCH = 20;

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
    private readonly deliveries: WebhookDeliveryRepository,
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
    const batch = await this.deliveries.fanOut(TENANTS_PER_BATCH, EVENTS_PER_TENANT, plan);
    return batch ? { events: batch.events, jobs: batch.result } : { events: 0, jobs: [] };
  }
}

/** The messages and deliveries of a batch of events: one message per event some endpoint subscribes to. */
function plan(events: FeedEvent[], endpoints: ReceivingEndpoint[]): FanOutWrites<DeliveryJob[]> {
  const byTenant = new Map<string, ReceivingEndpoint[]>();
  for (const endpoint of endpoints) byTenant.set(endpoint.tenantId, [...(byTenant.get(endpoint.tenantId) ?? []), endpoint]);
  const writes: FanOutWrites<DeliveryJob[]> = { messages: [], deliveries: [], result: [] };
  for (const stored of events) {
    const event = toIntegrationEvent(stored);
    if (!event) continue;
    const receivers = (byTenant.get(stored.tenantId) ?? []).filter((endpoint) => subscribes(endpoint.eventTypes, event.type));
    if (receivers.length === 0) continue;
    writes.messages.push({ id: stored.id, tenantId: stored.tenantId, eventType: event.type, body: webhookBody(event), createdAt: stored.occurredAt });
    for (const endpoint of receivers) {
      const deliveryId = uuidv7();
      writes.deliveries.push({ id: deliveryId, tenantId: stored.tenantId, messageId: stored.id, endpointId: endpoint.id });
      writes.result.push({
        tenantId: stored.tenantId,
        deliveryId,
        attempt: 1,
        correlationId: String(stored.metadata.correlationId ?? stored.id),
        causationId: stored.id,
      });
    }
  }
  return writes;
}
