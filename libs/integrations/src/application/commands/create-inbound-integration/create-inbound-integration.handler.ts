import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { newWebhookSecret } from '../../../domain/webhook-secret';
import { InboundIntegrationRepository } from '../../../infrastructure/inbound-integration.repository';
import { CreatedInboundIntegration, CreateInboundIntegrationCommand } from './create-inbound-integration.command';

/** Registers a system that pushes signed messages to `POST /v1/inbound/{id}` for the caller's tenant. */
@CommandHandler(CreateInboundIntegrationCommand)
export class CreateInboundIntegrationHandler implements ICommandHandler<CreateInboundIntegrationCommand, CreatedInboundIntegration> {
  constructor(private readonly integrations: InboundIntegrationRepository) {}

  async execute(command: CreateInboundIntegrationCommand): Promise<CreatedInboundIntegration> {
    const secret = newWebhookSecret();
    const integration = await this.integrations.create(
      { id: uuidv7(), tenantId: command.actor.tenantId, name: command.name, secret },
      { type: 'InboundIntegrationCreated', payload: { name: command.name } },
      command.actor,
    );
    return { ...integration, secret };
  }
}
