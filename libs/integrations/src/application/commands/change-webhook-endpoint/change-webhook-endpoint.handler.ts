import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { DomainError } from '@ajar/kernel';
import { WEBHOOK_ENDPOINT_STREAM } from '../../../infrastructure/webhook-endpoint-disabler';
import { toEndpointView, WebhookEndpointRow, WebhookEndpointView } from '../../queries/webhook-endpoint.view';
import { ChangeWebhookEndpointCommand } from './change-webhook-endpoint.command';

export function webhookEndpointNotFound(id: string): DomainError {
  return new DomainError('WEBHOOK.ENDPOINT_NOT_FOUND', `Webhook endpoint ${id} was not found.`, 'not_found');
}

const CHANGES = {
  // Owed deliveries of a disabled endpoint are cancelled when their job comes; replay re-sends them.
  disable: { sql: `state = 'disabled', disabled_reason = 'disabled by an administrator'`, event: 'WebhookEndpointDisabled', payload: { reason: 'manual' } },
  // A fresh start: the failing streak of before the pause does not count towards disabling.
  enable: { sql: `state = 'enabled', disabled_reason = NULL, failing_since = NULL`, event: 'WebhookEndpointEnabled', payload: {} },
  delete: { sql: `state = 'disabled', disabled_reason = 'deleted', deleted_at = now()`, event: 'WebhookEndpointDeleted', payload: {} },
} as const;

/** Disables, enables or deletes an endpoint of the caller's tenant, with its audit event. */
@CommandHandler(ChangeWebhookEndpointCommand)
export class ChangeWebhookEndpointHandler implements ICommandHandler<ChangeWebhookEndpointCommand, WebhookEndpointView> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  async execute(command: ChangeWebhookEndpointCommand): Promise<WebhookEndpointView> {
    const tenantId = command.actor.tenantId;
    const change = CHANGES[command.change];
    return this.dataSource.transaction(async (em) => {
      const current: (WebhookEndpointRow & { version: number })[] = await em.query(
        `SELECT * FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`,
        [tenantId, command.endpointId],
      );
      if (current.length === 0) throw webhookEndpointNotFound(command.endpointId);
      // Disabling a disabled endpoint (or enabling an enabled one) changes nothing and records nothing.
      const unchanged =
        (command.change === 'disable' && current[0].state === 'disabled') || (command.change === 'enable' && current[0].state === 'enabled');
      if (unchanged) return toEndpointView(current[0]);
      const [rows]: [WebhookEndpointRow[], number] = await em.query(
        `UPDATE webhook_endpoints SET ${change.sql}, version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [tenantId, command.endpointId],
      );
      await this.events.append(
        em,
        {
          tenantId,
          streamType: WEBHOOK_ENDPOINT_STREAM,
          streamId: command.endpointId,
          expectedVersion: current[0].version,
          events: [{ type: change.event, payload: { ...change.payload } }],
        },
        currentEventContext(command.actor),
      );
      return toEndpointView(rows[0]);
    });
  }
}
