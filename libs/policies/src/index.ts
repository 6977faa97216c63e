export { PoliciesHttpModule } from './policies.module';
export { CallOrmEntity, PolicyOrmEntity, PolicyVersionOrmEntity } from './infrastructure/policy.orm-entity';
