import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { DomainError } from '@ajar/kernel';
import { generateApiKey } from '../../../domain/api-key-secret';
import { ApiKeyRepository } from '../../../infrastructure/api-key.repository';
import { TenantRepository } from '../../../infrastructure/tenant.repository';
import { IssueApiKeyCommand, IssuedApiKey } from './issue-api-key.command';

@CommandHandler(IssueApiKeyCommand)
export class IssueApiKeyHandler implements ICommandHandler<IssueApiKeyCommand, IssuedApiKey> {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly apiKeys: ApiKeyRepository,
  ) {}

  async execute(command: IssueApiKeyCommand): Promise<IssuedApiKey> {
    const tenantId = command.actor.tenantId;
    const secret = generateApiKey();
    const roles = [...new Set(command.roles)];
    const key = { id: uuidv7(), tenantId, name: command.name, roles, keyHash: secret.hash, displayPrefix: secret.displayPrefix, contactEmail: command.contactEmail ?? null, createdAt: new Date() };
    await this.tenants.change(tenantId, command.actor, async (em) => {
      // The national advisor role belongs to advisory bodies only: its reads are shaped for a
      // tenant that owns no cases, and elsewhere it would see full cases (RS-F-008).
      if (roles.includes('national_advisor') && (await this.tenants.kindOf(em, tenantId)) !== 'advisory_body') {
        throw new DomainError('API_KEY.ROLE_NOT_FOR_TENANT', 'The national_advisor role is only issued in an advisory_body tenant.', 'unprocessable', {
          errors: [{ field: 'roles', reason: 'national_advisor is only for advisory_body tenants' }],
        });
      }
      await this.apiKeys.insert(em, key);
      // The address stays out of the event: the hash-chained log is permanent, an address is not.
      return [{ type: 'ApiKeyIssued', payload: { apiKeyId: key.id, name: command.name, roles } }];
    });
    return { id: key.id, name: command.name, roles, key: secret.key, displayPrefix: secret.displayPrefix, contactEmail: key.contactEmail, createdAt: key.createdAt.toISOString() };
  }
}
