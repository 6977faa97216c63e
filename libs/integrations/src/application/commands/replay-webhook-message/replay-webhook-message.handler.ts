import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { currentEventContext } from '@ajar/event-store';
import { DomainError } from '@ajar/kernel';
import { subscribes } from '../../../domain/integration-event';
import { ReplayReceiver, WebhookDeliveryRepository } from '../../../infrastructure/webhook-delivery.repository';
import { ReplayedWebhookMessage, ReplayWebhookMessageCommand } from './replay-webhook-message.command';

/** Refuses a replay to receivers that cannot take the message; says nothing otherwise. */
function checkReceivers(command: ReplayWebhookMessageCommand, eventType: string, receivers: ReplayReceiver[]): void {
  if (command.endpointId !== undefined) {
    const endpoint = receivers[0];
    if (!endpoint) throw new DomainError('WEBHOOK.ENDPOINT_NOT_FOUND', `Webhook endpoint ${command.endpointId} was not found.`, 'not_found');
    if (endpoint.state !== 'enabled') {
      throw new DomainError('WEBHOOK.ENDPOINT_DISABLED', `endpointId: the endpoint is disabled; enable it before replaying to it.`, 'conflict', {
        errors: [{ field: 'endpointId', reason: 'the endpoint is disabled' }],
      });
    }
    if (!subscribes(endpoint.eventTypes, eventType)) {
      throw new DomainError('WEBHOOK.NOT_SUBSCRIBED', `endpointId: the endpoint does not receive ${eventType}.`, 'unprocessable', {
        errors: [{ field: 'endpointId', reason: `does not receive ${eventType}` }],
      });
    }
  }
  if (receivers.length === 0) {
    throw new DomainError('WEBHOOK.NO_RECEIVER', 'No enabled endpoint received this message; enable one or name an endpoint.', 'conflict');
  }
}

/**
 * Sends a message again — same body, same `webhook-id`, so receivers that deduplicate see it for
 * what it is — as a new delivery with a fresh schedule. The delivery rows and their outbox rows
 * commit together; the relay hands them to the delivery worker.
 */
@CommandHandler(ReplayWebhookMessageCommand)
export class ReplayWebhookMessageHandler implements ICommandHandler<ReplayWebhookMessageCommand, ReplayedWebhookMessage> {
  constructor(private readonly deliveries: WebhookDeliveryRepository) {}

  async execute(command: ReplayWebhookMessageCommand): Promise<ReplayedWebhookMessage> {
    const tenantId = command.actor.tenantId;
    const eventType = await this.deliveries.messageType(tenantId, command.messageId);
    if (eventType === undefined) throw new DomainError('WEBHOOK.MESSAGE_NOT_FOUND', `Webhook message ${command.messageId} was not found.`, 'not_found');
    const { correlationId } = currentEventContext(command.actor);
    const deliveries = await this.deliveries.replay(tenantId, command.messageId, command.endpointId, uuidv7, correlationId, (receivers) =>
      checkReceivers(command, eventType, receivers),
    );
    return { messageId: command.messageId, deliveries };
  }
}
