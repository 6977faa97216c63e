import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { newWebhookSecret } from '../../../domain/webhook-secret';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { webhookEndpointNotFound } from '../change-webhook-endpoint/change-webhook-endpoint.handler';
import { RotatedWebhookSecret, RotateWebhookSecretCommand } from './rotate-webhook-secret.command';

/**
 * Replaces the signing secret. The old one keeps signing for the overlap window, so a receiver
 * can switch at its own pace: during it each delivery carries both signatures (Standard Webhooks
 * allows several, space-separated). The event records the rotation, never a secret.
 */
@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand, RotatedWebhookSecret> {
  constructor(private readonly endpoints: WebhookEndpointRepository) {}

  async execute(command: RotateWebhookSecretCommand): Promise<RotatedWebhookSecret> {
    const secret = newWebhookSecret();
    const event = { type: 'WebhookSecretRotated', payload: { overlapSeconds: command.overlapSeconds } };
    const expiresAt = await this.endpoints.rotateSecret(command.actor.tenantId, command.endpointId, secret, command.overlapSeconds, event, command.actor);
    if (!expiresAt) throw webhookEndpointNotFound(command.endpointId);
    return { endpointId: command.endpointId, secret, previousSecretExpiresAt: expiresAt.toISOString() };
  }
}
