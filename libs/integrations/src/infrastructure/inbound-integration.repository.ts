import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentEventContext, EventStore, PendingEvent } from '@ajar/event-store';
import type { Actor } from '@ajar/observability';
import { InboundIntegrationView, toIntegrationView } from './inbound.query-service';
import { InboundIntegrationOrmEntity } from './inbound.orm-entities';

export const INBOUND_INTEGRATION_STREAM = 'inbound-integration';

export interface NewInboundIntegration {
  id: string;
  tenantId: string;
  name: string;
  secret: string;
}

/** What verifying a message needs of its integration. */
export interface ReceivingIntegration {
  tenantId: string;
  secret: string;
  state: string;
}

/** Inbound integrations (systems that push signed messages) and their event stream. */
@Injectable()
export class InboundIntegrationRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  /** Raw SQL: the insert returns the database's `created_at`, as the API shows it. */
  async create(integration: NewInboundIntegration, event: PendingEvent, actor: Actor): Promise<InboundIntegrationView> {
    return this.dataSource.transaction(async (em) => {
      const rows: { id: string; name: string; state: 'enabled' | 'disabled'; created_at: Date }[] = await em.query(
        `INSERT INTO inbound_integrations (id, tenant_id, name, secret, state, created_at) VALUES ($1, $2, $3, $4, 'enabled', now())
         RETURNING id, name, state, created_at`,
        [integration.id, integration.tenantId, integration.name, integration.secret],
      );
      await this.events.append(
        em,
        { tenantId: integration.tenantId, streamType: INBOUND_INTEGRATION_STREAM, streamId: integration.id, expectedVersion: 0, events: [event] },
        currentEventContext(actor),
      );
      return toIntegrationView(rows[0]);
    });
  }

  async findForReceiving(id: string): Promise<ReceivingIntegration | undefined> {
    const found = await this.dataSource.getRepository(InboundIntegrationOrmEntity).findOne({ select: { tenantId: true, secret: true, state: true }, where: { id } });
    return found ? { tenantId: found.tenantId, secret: found.secret, state: found.state } : undefined;
  }
}
