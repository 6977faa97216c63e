import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { SYSTEM_ACTOR } from '@ajar/observability';

export const WEBHOOK_ENDPOINT_STREAM = 'webhook-endpoint';

/**
 * Disables an endpoint on the delivery side (410 Gone, or failing for too long) and records
 * `WebhookEndpointDisabled`, which the fan-out turns into the tenant's
 * `webhook.endpoint_disabled.v1` notice on its other endpoints.
 */
@Injectable()
export class WebhookEndpointDisabler {
  private readonly logger = new Logger(WebhookEndpointDisabler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  async disable(tenantId: string, endpointId: string, reason: 'gone' | 'failing', detail: string, lastStatus: number | null): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const rows: { version: number; state: string }[] = await em.query(
        `SELECT version, state FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`,
        [tenantId, endpointId],
      );
      const endpoint = rows[0];
      if (!endpoint || endpoint.state !== 'enabled') return;
      await em.query(
        `UPDATE webhook_endpoints SET state = 'disabled', disabled_reason = $3, version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
        [tenantId, endpointId, detail.slice(0, 200)],
      );
      await this.events.append(
        em,
        {
          tenantId,
          streamType: WEBHOOK_ENDPOINT_STREAM,
          streamId: endpointId,
          expectedVersion: endpoint.version,
          events: [{ type: 'WebhookEndpointDisabled', payload: { reason, detail, lastStatus } }],
        },
        currentEventContext(SYSTEM_ACTOR),
      );
      this.logger.warn({ tenantId, endpointId, reason }, 'webhook endpoint disabled');
    });
  }
}
