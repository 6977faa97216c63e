import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One appended event. Append-only: a trigger (see the migration) refuses UPDATE, DELETE and
 * TRUNCATE. `hash` chains every event of a tenant to the one before it.
 */
@Entity('events')
@Index('uq_events_stream_version', ['streamId', 'streamVersion'], { unique: true })
@Index('uq_events_tenant_sequence', ['tenantId', 'tenantSequence'], { unique: true })
export class EventRecordOrmEntity {
  /** Global insertion order, for readers that follow the whole store. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  position!: string;

  @Index('uq_events_id', { unique: true })
  @Column('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('bigint')
  tenantSequence!: string;

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

  @Column('char', { length: 64 })
  previousHash!: string;

  @Column('char', { length: 64 })
  hash!: string;
}
