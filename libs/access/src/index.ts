export { ROLES, TENANT_KINDS } from './domain/roles';
export type { Role, TenantKind } from './domain/roles';
export { CurrentActor, TenantCaller } from './auth/current-actor.decorator';
export type { TenantActor } from './auth/current-actor.decorator';
export { AccessHttpModule } from './access.module';
export { TenantOrmEntity } from './infrastructure/tenant.orm-entity';
export { ApiKeyOrmEntity } from './infrastructure/api-key.orm-entity';
export { hashApiKey } from './domain/api-key-secret';
export { TenantAdvisorOrmEntity } from './infrastructure/tenant-advisor.orm-entity';
