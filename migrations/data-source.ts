import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AdvisorRegistrationCodeOrmEntity, ApiKeyOrmEntity, TenantAdvisorOrmEntity, TenantOrmEntity } from '@ajar/access';
import { AssessmentOrmEntity, CaseDeadlineOrmEntity, CaseEscalationOrmEntity, CaseOrmEntity } from '@ajar/cases';
import { validateEnvironment } from '@ajar/config';
import { postgresOptions } from '@ajar/database';
import { ChainHeadOrmEntity, EventChainLinkOrmEntity, EventChainPendingOrmEntity, EventRecordOrmEntity } from '@ajar/event-store';
import { IdempotencyRecordOrmEntity } from '@ajar/http';
import { INBOUND_ENTITIES, WEBHOOK_ENTITIES } from '@ajar/integrations';
import { NoticeDeliveryOrmEntity } from '@ajar/notifications';
import { InboxMessageOrmEntity, OutboxMessageOrmEntity } from '@ajar/outbox';
import { CallOrmEntity, PolicyOrmEntity, PolicyVersionOrmEntity } from '@ajar/policies';
import { ReferenceListEntryOrmEntity, ReferenceListOrmEntity, ReferenceListVersionOrmEntity } from '@ajar/reference-lists';
import { migrationList } from './migration-list';

/** Every entity, listed explicitly (no globs): the schema the migrations must produce. */
export const ENTITIES = [
  TenantOrmEntity,
  ApiKeyOrmEntity,
  TenantAdvisorOrmEntity,
  AdvisorRegistrationCodeOrmEntity,
  EventRecordOrmEntity,
  ChainHeadOrmEntity,
  EventChainLinkOrmEntity,
  EventChainPendingOrmEntity,
  OutboxMessageOrmEntity,
  InboxMessageOrmEntity,
  IdempotencyRecordOrmEntity,
  CaseOrmEntity,
  AssessmentOrmEntity,
  CaseDeadlineOrmEntity,
  CaseEscalationOrmEntity,
  NoticeDeliveryOrmEntity,
  PolicyOrmEntity,
  PolicyVersionOrmEntity,
  CallOrmEntity,
  ReferenceListOrmEntity,
  ReferenceListVersionOrmEntity,
  ReferenceListEntryOrmEntity,
  ...WEBHOOK_ENTITIES,
  ...INBOUND_ENTITIES,
];

export function createDataSource(url: string): DataSource {
  return new DataSource({
    ...postgresOptions({ url, poolSize: 2, applicationName: 'ajar-migrate' }),
    entities: ENTITIES,
    migrations: migrationList,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
  });
}

/** Used by the TypeORM CLI (`npm run migration:run`, `migration:check`). */
export default createDataSource(validateEnvironment(process.env).DATABASE_URL);
