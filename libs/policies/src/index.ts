export { PoliciesHttpModule, PolicyCatalogueModule } from './policies.module';
export { PolicyCatalogue, BUILT_IN_POLICY_NAME } from './application/policy-catalogue';
export type { PolicyInForce } from './application/policy-catalogue';
export { CallOrmEntity, PolicyOrmEntity, PolicyVersionOrmEntity } from './infrastructure/policy.orm-entity';
