import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { generateApiKey } from '../../../domain/api-key-secret';
import { TenantRepository } from '../../../infrastructure/tenant.repository';
import { CreateTenantCommand, TenantCreatedResult } from './create-tenant.command';

const INITIAL_KEY_NAME = 'initial admin key';

/** Creates a tenant, opens its event chain, and issues its first admin key: one transaction. */
@CommandHandler(CreateTenantCommand)
export class CreateTenantHandler implements ICommandHandler<CreateTenantCommand, TenantCreatedResult> {
  constructor(private readonly tenants: TenantRepository) {}

  async execute(command: CreateTenantCommand): Promise<TenantCreatedResult> {
    const tenant = { id: uuidv7(), name: command.name, kind: command.kind, createdAt: new Date() };
    const secret = generateApiKey();
    const key = { id: uuidv7(), tenantId: tenant.id, name: INITIAL_KEY_NAME, roles: ['admin'], keyHash: secret.hash, displayPrefix: secret.displayPrefix, contactEmail: null, createdAt: tenant.createdAt };
    await this.tenants.create(tenant, key, command.actor, [
      { type: 'TenantCreated', payload: { tenantId: tenant.id, name: command.name, kind: command.kind } },
      { type: 'ApiKeyIssued', payload: { apiKeyId: key.id, name: INITIAL_KEY_NAME, roles: key.roles } },
    ]);
    return {
      tenant: { id: tenant.id, name: command.name, kind: command.kind, createdAt: tenant.createdAt.toISOString() },
      apiKey: { id: key.id, name: INITIAL_KEY_NAME, roles: key.roles, key: secret.key, displayPrefix: secret.displayPrefix },
    };
  }
}
