import { Injectable, Logger } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';

/**
 * Disables an endpoint on the delivery side (410 Gone, or failing for too long) and records
 * `WebhookEndpointDisabled`, which the fan-out turns into the tenant's
 * `webhook.endpoint_disabled.v1` notice on its other endpoints.
 */
@Injectable()
export class WebhookEndpointDisabler {
  private readonly logger = new Logger(WebhookEndpointDisabler.name);

  constructor(private readonly endpoints: WebhookEndpointRepository) {}

  async disable(tenantId: string, endpointId: string, reason: 'gone' | 'failing', detail: string, lastStatus: number | null): Promise<void> {
    let disabled = false;
    await this.endpoints.change(tenantId, endpointId, SYSTEM_ACTOR, (current) => {
      if (current.state !== 'enabled') return undefined;
      disabled = true;
      return { change: { kind: 'disable', reason: detail.slice(0, 200) }, event: { type: 'WebhookEndpointDisabled', payload: { reason, detail, lastStatus } } };
    });
    if (disabled) this.logger.warn({ tenantId, endpointId, reason }, 'webhook endpoint disabled');
  }
}
