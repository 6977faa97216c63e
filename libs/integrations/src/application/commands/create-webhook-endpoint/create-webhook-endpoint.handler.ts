import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { EgressClient } from '@ajar/egress';
import { DomainError } from '@ajar/kernel';
import { newWebhookSecret } from '../../../domain/webhook-secret';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { CreatedWebhookEndpoint, CreateWebhookEndpointCommand } from './create-webhook-endpoint.command';

/**
 * Registers a receiver. The URL is vetted now (https, resolves to public addresses only) and again
 * at every delivery. The tenant's fan-out cursor starts at its chain head: an endpoint receives
 * what happens from its creation on.
 */
@CommandHandler(CreateWebhookEndpointCommand)
export class CreateWebhookEndpointHandler implements ICommandHandler<CreateWebhookEndpointCommand, CreatedWebhookEndpoint> {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly egress: EgressClient,
  ) {}

  async execute(command: CreateWebhookEndpointCommand): Promise<CreatedWebhookEndpoint> {
    const verdict = await this.egress.vet(command.url);
    if (!verdict.ok) {
      throw new DomainError('WEBHOOK.URL_REFUSED', `url: ${verdict.reason}`, 'unprocessable', { errors: [{ field: 'url', reason: verdict.reason }] });
    }
    const secret = newWebhookSecret();
    const url = verdict.url.toString();
    const endpoint = await this.endpoints.create(
      { id: uuidv7(), tenantId: command.actor.tenantId, url, description: command.description ?? null, eventTypes: command.eventTypes, secret },
      { type: 'WebhookEndpointCreated', payload: { url, eventTypes: command.eventTypes } },
      command.actor,
    );
    return { ...endpoint, secret };
  }
}
