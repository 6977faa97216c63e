import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@ajar/database';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { generateApiKey } from '../../../domain/api-key-secret';
import { TENANT_STREAM } from '../tenant-stream';
import { CreateTenantCommand, TenantCreatedResult } from './create-tenant.command';

/** Creates a tenant, opens its event chain, and issues its first admin key: one transaction. */
@CommandHandler(CreateTenantCommand)
export class CreateTenantHandler implements ICommandHandler<CreateTenantCommand, TenantCreatedResult> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  async execute(command: CreateTenantCommand): Promise<TenantCreatedResult> {
    const tenantId = uuidv7();
    const keyId = uuidv7();
    const secret = generateApiKey();
    const createdAt = new Date();
    const roles = ['admin'];
    await this.dataSource.transaction(async (em) => {
      await em.query(`INSERT INTO tenants (id, name, kind, version, created_at) VALUES ($1, $2, $3, 2, $4)`, [
        tenantId,
        command.name,
        command.kind,
        createdAt,
      ]);
      await em.query(
        `INSERT INTO api_keys (id, tenant_id, name, roles, key_hash, display_prefix, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [keyId, tenantId, 'initial admin key', roles, secret.hash, secret.displayPrefix, createdAt],
      );
      await this.events.openChain(em, tenantId);
      await this.events.append(
        em,
        {
          tenantId,
          streamType: TENANT_STREAM,
          streamId: tenantId,
          expectedVersion: 0,
          events: [
            { type: 'TenantCreated', payload: { tenantId, name: command.name, kind: command.kind } },
            { type: 'ApiKeyIssued', payload: { apiKeyId: keyId, name: 'initial admin key', roles } },
          ],
        },
        currentEventContext(command.actor),
      );
    });
    return {
      tenant: { id: tenantId, name: command.name, kind: command.kind, createdAt: createdAt.toISOString() },
      apiKey: { id: keyId, name: 'initial admin key', roles, key: secret.key, displayPrefix: secret.displayPrefix },
    };
  }
}
