import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One appended event. Append-only: a trigger (see the migrations) refuses UPDATE, DELETE and
 * TRUNCATE. Its link in the tenant's hash chain is `EventChainLinkOrmEntity`.
 */
@Entity('events')
@Index('uq_events_stream_version', ['streamId', 'streamVersion'], { unique: true })
@Index('ix_events_tenant_position', ['tenantId', 'position'])
export class EventRecordOrmEntity {
  /** Global insertion order. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  position!: string;

  @Index('uq_events_id', { unique: true })
  @Column('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('varchar', { length: 40 })
  streamType!: string;

  @Column('uuid')
  streamId!: string;

  @Column('int')
  streamVersion!: number;

  @Column('varchar', { length: 80 })
  type!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('jsonb')
  metadata!: Record<string, unknown>;

  @Column('timestamptz')
  occurredAt!: Date;
}
