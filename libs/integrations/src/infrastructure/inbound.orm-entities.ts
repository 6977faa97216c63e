import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A grant or research-information system that pushes to Ajar, signing with its own secret. */
@Entity('inbound_integrations')
@Index('ix_inbound_integrations_tenant', ['tenantId', 'createdAt'])
export class InboundIntegrationOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  /** `whsec_…`, needed in clear to verify; shown once at creation. */
  @Column('text')
  secret!: string;

  @Column('varchar', { length: 20 })
  state!: 'enabled' | 'disabled';

  @Column('timestamptz')
  createdAt!: Date;
}

/** What arrived and what became of it; the unique key deduplicates redeliveries by `webhook-id`. */
@Entity('inbound_messages')
@Index('uq_inbound_messages_webhook_id', ['integrationId', 'webhookId'], { unique: true })
@Index('ix_inbound_messages_log', ['integrationId', 'receivedAt'])
export class InboundMessageOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  integrationId!: string;

  @Column('varchar', { length: 200 })
  webhookId!: string;

  @Column('varchar', { length: 80, nullable: true })
  type!: string | null;

  @Column('timestamptz')
  receivedAt!: Date;

  /** The HTTP status answered; the same answer is given to a redelivery. */
  @Column('int')
  status!: number;

  /** The response body answered (ids and states, or the problem document). */
  @Column('jsonb')
  response!: Record<string, unknown>;

  /** The case the message created or changed, if any. */
  @Column('uuid', { nullable: true })
  caseId!: string | null;
}

export const INBOUND_ENTITIES = [InboundIntegrationOrmEntity, InboundMessageOrmEntity];
