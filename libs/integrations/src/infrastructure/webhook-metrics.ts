import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { Metrics, statusClass } from '@ajar/observability';
import type { AttemptVerdict } from '../domain/delivery-schedule';

/** What became of a delivery after one attempt: delivered, to be retried, or failed for good. */
export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed';

/** The outcome label of an attempt's verdict (410 Gone ends the delivery, so it counts as failed). */
export function deliveryOutcome(verdict: AttemptVerdict): DeliveryOutcome {
  switch (verdict.kind) {
    case 'succeeded':
      return 'delivered';
    case 'retry':
      return 'retrying';
    case 'exhausted':
    case 'endpoint_gone':
      return 'failed';
  }
}

/** Webhook delivery attempts by outcome and the receiver's status class (`none`: no answer). */
@Injectable()
export class WebhookMetrics {
  private readonly attempts: Counter<'outcome' | 'status_class'>;

  constructor(metrics: Metrics) {
    this.attempts = new Counter({
      name: 'ajar_webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts by outcome (delivered, retrying, failed) and receiver status class (2xx … 5xx, none when no answer)',
      labelNames: ['outcome', 'status_class'],
      registers: [metrics.registry],
    });
  }

  attempted(verdict: AttemptVerdict, status: number | null): void {
    this.attempts.inc({ outcome: deliveryOutcome(verdict), status_class: statusClass(status) });
  }
}
