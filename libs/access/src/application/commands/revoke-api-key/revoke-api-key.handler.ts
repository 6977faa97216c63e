import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { ApiKeyRepository } from '../../../infrastructure/api-key.repository';
import { TenantRepository } from '../../../infrastructure/tenant.repository';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

/** Revokes a key of the caller's tenant. The last active admin key cannot be revoked (lock-out). */
@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand, void> {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly apiKeys: ApiKeyRepository,
  ) {}

  async execute(command: RevokeApiKeyCommand): Promise<void> {
    const tenantId = command.actor.tenantId;
    await this.tenants.change(tenantId, command.actor, async (em) => {
      const key = await this.apiKeys.find(em, tenantId, command.apiKeyId);
      if (!key || key.revokedAt) {
        throw new DomainError('API_KEY.NOT_FOUND', `API key ${command.apiKeyId} was not found.`, 'not_found');
      }
      if (key.roles.includes('admin') && (await this.apiKeys.countActiveAdmins(em, tenantId)) <= 1) {
        throw new DomainError('API_KEY.LAST_ADMIN', 'This is the last active admin key of the tenant: issue another admin key before revoking it.', 'conflict');
      }
      await this.apiKeys.revoke(em, key.id);
      return [{ type: 'ApiKeyRevoked', payload: { apiKeyId: key.id } }];
    });
  }
}
