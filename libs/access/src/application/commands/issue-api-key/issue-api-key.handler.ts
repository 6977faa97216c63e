import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@ajar/database';
import { EventStore } from '@ajar/event-store';
import { generateApiKey } from '../../../domain/api-key-secret';
import { DomainError } from '@ajar/kernel';
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
        // The national advisor role belongs to advisory bodies only: its reads are shaped for a
        // tenant that owns no cases, and elsewhere it would see full cases (RS-F-008).
        if (roles.includes('national_advisor')) {
          const kinds: { kind: string }[] = await em.query(`SELECT kind FROM tenants WHERE id = $1`, [tenantId]);
          if (kinds[0]?.kind !== 'advisory_body') {
            throw new DomainError('API_KEY.ROLE_NOT_FOR_TENANT', 'The national_advisor role is only issued in an advisory_body tenant.', 'unprocessable', {
              errors: [{ field: 'roles', reason: 'national_advisor is only for advisory_body tenants' }],
            });
          }
        }
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
