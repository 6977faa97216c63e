import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { EventStore } from '@ajar/event-store';
import { generateApiKey } from '../../../domain/api-key-secret';
import { changeTenant } from '../tenant-stream';
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
    const contactEmail = command.contactEmail ?? null;
    const createdAt = new Date();
    await this.dataSource.transaction((em) =>
      changeTenant(em, this.events, tenantId, command.actor, async () => {
        await em.query(
          `INSERT INTO api_keys (id, tenant_id, name, roles, key_hash, display_prefix, contact_email, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [keyId, tenantId, command.name, roles, secret.hash, secret.displayPrefix, contactEmail, createdAt],
        );
        // The address stays out of the event: the hash-chained log is permanent, an address is not.
        return [{ type: 'ApiKeyIssued', payload: { apiKeyId: keyId, name: command.name, roles } }];
      }),
    );
    return { id: keyId, name: command.name, roles, key: secret.key, displayPrefix: secret.displayPrefix, contactEmail, createdAt: createdAt.toISOString() };
  }
}
