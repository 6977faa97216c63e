import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { generateApiKey } from '../../../domain/api-key-secret';
import { TENANT_STREAM } from '../create-tenant/create-tenant.handler';
import { lockTenantStream } from '../tenant-stream';
import { IssueApiKeyCommand, IssuedApiKey } from './issue-api-key.command';

@CommandHandler(IssueApiKeyCommand)
export class IssueApiKeyHandler implements ICommandHandler<IssueApiKeyCommand, IssuedApiKey> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  async execute(command: IssueApiKeyCommand): Promise<IssuedApiKey> {
    const tenantId = command.actor.tenantId;
    const keyId = uuidv7();
    const secret = generateApiKey();
    const roles = [...new Set(command.roles)];
    const createdAt = new Date();
    await this.dataSource.transaction(async (em) => {
      const version = await lockTenantStream(em, tenantId);
      await em.query(
        `INSERT INTO api_keys (id, tenant_id, name, roles, key_hash, display_prefix, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [keyId, tenantId, command.name, roles, secret.hash, secret.displayPrefix, createdAt],
      );
      await this.events.append(
        em,
        {
          tenantId,
          streamType: TENANT_STREAM,
          streamId: tenantId,
          expectedVersion: version,
          events: [{ type: 'ApiKeyIssued', payload: { apiKeyId: keyId, name: command.name, roles } }],
        },
        currentEventContext(command.actor),
      );
      await em.query(`UPDATE tenants SET version = version + 1 WHERE id = $1`, [tenantId]);
    });
    return { id: keyId, name: command.name, roles, key: secret.key, displayPrefix: secret.displayPrefix, createdAt: createdAt.toISOString() };
  }
}
