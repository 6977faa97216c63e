import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { newWebhookSecret } from '../../../domain/webhook-secret';
import { WEBHOOK_ENDPOINT_STREAM } from '../../../infrastructure/webhook-endpoint-disabler';
import { webhookEndpointNotFound } from '../change-webhook-endpoint/change-webhook-endpoint.handler';
import { RotatedWebhookSecret, RotateWebhookSecretCommand } from './rotate-webhook-secret.command';

/**
 * Replaces the signing secret. The old one keeps signing for the overlap window, so a receiver
 * can switch at its own pace: during it each delivery carries both signatures (Standard Webhooks
 * allows several, space-separated). The event records the rotation, never a secret.
 */
@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand, RotatedWebhookSecret> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  async execute(command: RotateWebhookSecretCommand): Promise<RotatedWebhookSecret> {
    const tenantId = command.actor.tenantId;
    const secret = newWebhookSecret();
    return this.dataSource.transaction(async (em) => {
      const current: { version: number }[] = await em.query(
        `SELECT version FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`,
        [tenantId, command.endpointId],
      );
      if (current.length === 0) throw webhookEndpointNotFound(command.endpointId);
      const [rows]: [{ previous_secret_expires_at: Date }[], number] = await em.query(
        `UPDATE webhook_endpoints
            SET previous_secret = secret, previous_secret_expires_at = now() + make_interval(secs => $3), secret = $4,
                version = version + 1, updated_at = now()
          WHERE tenant_id = $1 AND id = $2 RETURNING previous_secret_expires_at`,
        [tenantId, command.endpointId, command.overlapSeconds, secret],
      );
      await this.events.append(
        em,
        {
          tenantId,
          streamType: WEBHOOK_ENDPOINT_STREAM,
          streamId: command.endpointId,
          expectedVersion: current[0].version,
          events: [{ type: 'WebhookSecretRotated', payload: { overlapSeconds: command.overlapSeconds } }],
        },
        currentEventContext(command.actor),
      );
      return { endpointId: command.endpointId, secret, previousSecretExpiresAt: rows[0].previous_secret_expires_at.toISOString() };
    });
  }
}
