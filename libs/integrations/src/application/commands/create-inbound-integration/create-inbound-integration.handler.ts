import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@ajar/database';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { newWebhookSecret } from '../../../domain/webhook-secret';
import { InboundIntegrationRow, toIntegrationView } from '../../queries/inbound.queries';
import { CreatedInboundIntegration, CreateInboundIntegrationCommand } from './create-inbound-integration.command';

export const INBOUND_INTEGRATION_STREAM = 'inbound-integration';

/** Registers a system that pushes signed messages to `POST /v1/inbound/{id}` for the caller's tenant. */
@CommandHandler(CreateInboundIntegrationCommand)
export class CreateInboundIntegrationHandler implements ICommandHandler<CreateInboundIntegrationCommand, CreatedInboundIntegration> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  async execute(command: CreateInboundIntegrationCommand): Promise<CreatedInboundIntegration> {
    const id = uuidv7();
    const secret = newWebhookSecret();
    const tenantId = command.actor.tenantId;
    return this.dataSource.transaction(async (em) => {
      const rows: InboundIntegrationRow[] = await em.query(
        `INSERT INTO inbound_integrations (id, tenant_id, name, secret, state, created_at) VALUES ($1, $2, $3, $4, 'enabled', now())
         RETURNING id, name, state, created_at`,
        [id, tenantId, command.name, secret],
      );
      await this.events.append(
        em,
        {
          tenantId,
          streamType: INBOUND_INTEGRATION_STREAM,
          streamId: id,
          expectedVersion: 0,
          events: [{ type: 'InboundIntegrationCreated', payload: { name: command.name } }],
        },
        currentEventContext(command.actor),
      );
      return { ...toIntegrationView(rows[0]), secret };
    });
  }
}
