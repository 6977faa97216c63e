import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { EndpointStateChange, WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { WebhookEndpointView } from '../../queries/webhook-endpoint.view';
import { ChangeWebhookEndpointCommand } from './change-webhook-endpoint.command';

export function webhookEndpointNotFound(id: string): DomainError {
  return new DomainError('WEBHOOK.ENDPOINT_NOT_FOUND', `Webhook endpoint ${id} was not found.`, 'not_found');
}

const CHANGES: Record<ChangeWebhookEndpointCommand['change'], { change: EndpointStateChange; event: string; payload: Record<string, unknown> }> = {
  // Owed deliveries of a disabled endpoint are cancelled when their job comes; replay re-sends them.
  disable: { change: { kind: 'disable', reason: 'disabled by an administrator' }, event: 'WebhookEndpointDisabled', payload: { reason: 'manual' } },
  // A fresh start: the failing streak of before the pause does not count towards disabling.
  enable: { change: { kind: 'enable' }, event: 'WebhookEndpointEnabled', payload: {} },
  delete: { change: { kind: 'delete' }, event: 'WebhookEndpointDeleted', payload: {} },
};

/** Disables, enables or deletes an endpoint of the caller's tenant, with its audit event. */
@CommandHandler(ChangeWebhookEndpointCommand)
export class ChangeWebhookEndpointHandler implements ICommandHandler<ChangeWebhookEndpointCommand, WebhookEndpointView> {
  constructor(private readonly endpoints: WebhookEndpointRepository) {}

  async execute(command: ChangeWebhookEndpointCommand): Promise<WebhookEndpointView> {
    const { change, event, payload } = CHANGES[command.change];
    const changed = await this.endpoints.change(command.actor.tenantId, command.endpointId, command.actor, (current) => {
      // Disabling a disabled endpoint (or enabling an enabled one) changes nothing and records nothing.
      const unchanged = (command.change === 'disable' && current.state === 'disabled') || (command.change === 'enable' && current.state === 'enabled');
      return unchanged ? undefined : { change, event: { type: event, payload: { ...payload } } };
    });
    if (!changed) throw webhookEndpointNotFound(command.endpointId);
    return changed;
  }
}
