import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@ajar/database';
import { currentEventContext } from '@ajar/event-store';
import { DomainError } from '@ajar/kernel';
import { Queues } from '@ajar/messaging';
import { Outbox } from '@ajar/outbox';
import { subscribes } from '../../../domain/integration-event';
import { DELIVER_JOB } from '../../../infrastructure/webhook-delivery-jobs';
import { ReplayedWebhookMessage, ReplayWebhookMessageCommand } from './replay-webhook-message.command';

/**
 * Sends a message again — same body, same `webhook-id`, so receivers that deduplicate see it for
 * what it is — as a new delivery with a fresh schedule. The delivery rows and their outbox rows
 * commit together; the relay hands them to the delivery worker.
 */
@CommandHandler(ReplayWebhookMessageCommand)
export class ReplayWebhookMessageHandler implements ICommandHandler<ReplayWebhookMessageCommand, ReplayedWebhookMessage> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async execute(command: ReplayWebhookMessageCommand): Promise<ReplayedWebhookMessage> {
    const tenantId = command.actor.tenantId;
    return this.dataSource.transaction(async (em) => {
      const messages: { event_type: string }[] = await em.query(`SELECT event_type FROM webhook_messages WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        command.messageId,
      ]);
      if (messages.length === 0) throw new DomainError('WEBHOOK.MESSAGE_NOT_FOUND', `Webhook message ${command.messageId} was not found.`, 'not_found');
      const endpoints: { id: string; event_types: string[]; state?: string }[] =
        command.endpointId === undefined
          ? await em.query(
              `SELECT DISTINCT e.id, e.event_types FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.tenant_id = $1 AND d.message_id = $2 AND e.state = 'enabled' AND e.deleted_at IS NULL`,
              [tenantId, command.messageId],
            )
          : await em.query(`SELECT id, event_types, state FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`, [tenantId, command.endpointId]);
      if (command.endpointId !== undefined) {
        const endpoint = endpoints[0];
        if (!endpoint) throw new DomainError('WEBHOOK.ENDPOINT_NOT_FOUND', `Webhook endpoint ${command.endpointId} was not found.`, 'not_found');
        if (endpoint.state !== 'enabled') {
          throw new DomainError('WEBHOOK.ENDPOINT_DISABLED', `endpointId: the endpoint is disabled; enable it before replaying to it.`, 'conflict', {
            errors: [{ field: 'endpointId', reason: 'the endpoint is disabled' }],
          });
        }
        if (!subscribes(endpoint.event_types, messages[0].event_type)) {
          throw new DomainError('WEBHOOK.NOT_SUBSCRIBED', `endpointId: the endpoint does not receive ${messages[0].event_type}.`, 'unprocessable', {
            errors: [{ field: 'endpointId', reason: `does not receive ${messages[0].event_type}` }],
          });
        }
      }
      if (endpoints.length === 0) {
        throw new DomainError('WEBHOOK.NO_RECEIVER', 'No enabled endpoint received this message; enable one or name an endpoint.', 'conflict');
      }
      const deliveries = endpoints.map((endpoint) => ({ id: uuidv7(), endpointId: endpoint.id }));
      await em.query(
        `INSERT INTO webhook_deliveries (id, tenant_id, message_id, endpoint_id, origin, state, attempts, next_attempt_at, created_at, updated_at)
         SELECT d.id, $2, $3, d.endpoint_id, 'replay', 'pending', 0, now(), now(), now() FROM unnest($1::uuid[], $4::uuid[]) AS d(id, endpoint_id)`,
        [deliveries.map((delivery) => delivery.id), tenantId, command.messageId, deliveries.map((delivery) => delivery.endpointId)],
      );
      const context = currentEventContext(command.actor);
      await this.outbox.add(
        em,
        deliveries.map((delivery) => ({
          tenantId,
          eventId: command.messageId,
          destination: Queues.Webhooks,
          type: DELIVER_JOB,
          correlationId: context.correlationId,
          data: { deliveryId: delivery.id, attempt: 1 },
        })),
      );
      return { messageId: command.messageId, deliveries };
    });
  }
}
