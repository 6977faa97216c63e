import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@ajar/kernel';
import { EventStore } from '@ajar/event-store';
import { changeTenant } from '../tenant-stream';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

/** Revokes a key of the caller's tenant. The last active admin key cannot be revoked (lock-out). */
@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand, void> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  async execute(command: RevokeApiKeyCommand): Promise<void> {
    const tenantId = command.actor.tenantId;
    await this.dataSource.transaction((em) =>
      changeTenant(em, this.events, tenantId, command.actor, async () => {
        const keys: { id: string; roles: string[]; revoked_at: Date | null }[] = await em.query(
          `SELECT id, roles, revoked_at FROM api_keys WHERE tenant_id = $1 AND id = $2`,
          [tenantId, command.apiKeyId],
        );
        const key = keys[0];
        if (!key || key.revoked_at) {
          throw new DomainError('API_KEY.NOT_FOUND', `API key ${command.apiKeyId} was not found.`, 'not_found');
        }
        if (key.roles.includes('admin')) {
          const admins: { count: string }[] = await em.query(
            `SELECT count(*) FROM api_keys WHERE tenant_id = $1 AND revoked_at IS NULL AND 'admin' = ANY(roles)`,
            [tenantId],
          );
          if (Number(admins[0].count) <= 1) {
            throw new DomainError(
              'API_KEY.LAST_ADMIN',
              'This is the last active admin key of the tenant: issue another admin key before revoking it.',
              'conflict',
            );
          }
        }
        await em.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [key.id]);
        return [{ type: 'ApiKeyRevoked', payload: { apiKeyId: key.id } }];
      }),
    );
  }
}
