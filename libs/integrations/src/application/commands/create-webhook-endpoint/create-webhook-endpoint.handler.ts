import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@ajar/database';
import { EgressClient } from '@ajar/egress';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { DomainError } from '@ajar/kernel';
import { newWebhookSecret } from '../../../domain/webhook-secret';
import { WEBHOOK_ENDPOINT_STREAM } from '../../../infrastructure/webhook-endpoint-disabler';
import { toEndpointView, WebhookEndpointRow } from '../../queries/webhook-endpoint.view';
import { CreatedWebhookEndpoint, CreateWebhookEndpointCommand } from './create-webhook-endpoint.command';

/**
 * Registers a receiver. The URL is vetted now (https, resolves to public addresses only) and again
 * at every delivery. The tenant's fan-out cursor starts at its chain head: an endpoint receives
 * what happens from its creation on.
 */
@CommandHandler(CreateWebhookEndpointCommand)
export class CreateWebhookEndpointHandler implements ICommandHandler<CreateWebhookEndpointCommand, CreatedWebhookEndpoint> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
    private readonly egress: EgressClient,
  ) {}

  async execute(command: CreateWebhookEndpointCommand): Promise<CreatedWebhookEndpoint> {
    const verdict = await this.egress.vet(command.url);
    if (!verdict.ok) {
      throw new DomainError('WEBHOOK.URL_REFUSED', `url: ${verdict.reason}`, 'unprocessable', { errors: [{ field: 'url', reason: verdict.reason }] });
    }
    const id = uuidv7();
    const secret = newWebhookSecret();
    const tenantId = command.actor.tenantId;
    return this.dataSource.transaction(async (em) => {
      const rows: WebhookEndpointRow[] = await em.query(
        `INSERT INTO webhook_endpoints (id, tenant_id, url, description, event_types, state, secret, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'enabled', $6, 1, now(), now()) RETURNING *`,
        [id, tenantId, verdict.url.toString(), command.description ?? null, command.eventTypes, secret],
      );
      await em.query(
        `INSERT INTO webhook_cursors (tenant_id, sequence) SELECT tenant_id, sequence FROM event_chain_heads WHERE tenant_id = $1 ON CONFLICT DO NOTHING`,
        [tenantId],
      );
      await this.events.append(
        em,
        {
          tenantId,
          streamType: WEBHOOK_ENDPOINT_STREAM,
          streamId: id,
          expectedVersion: 0,
          events: [{ type: 'WebhookEndpointCreated', payload: { url: verdict.url.toString(), eventTypes: command.eventTypes } }],
        },
        currentEventContext(command.actor),
      );
      return { ...toEndpointView(rows[0]), secret };
    });
  }
}
