import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { QueueEnvelope } from '@ajar/messaging';

/** A message to hand to a queue, written in the same transaction as the events it announces. */
@Entity('outbox_messages')
@Index('ix_outbox_unpublished', ['createdAt'], { where: 'published_at IS NULL' })
@Index('ix_outbox_unsettled', ['id'], { where: 'published_at IS NOT NULL AND settled_at IS NULL' })
export class OutboxMessageOrmEntity {
  /** Also the BullMQ job id and the consumer's inbox key. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  eventId!: string;

  @Column('varchar', { length: 60 })
  destination!: string;

  @Column('varchar', { length: 80 })
  jobName!: string;

  @Column('jsonb')
  envelope!: QueueEnvelope;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  /** When its job completed or failed for good; until then the row owes its job (the reconciler's owner). */
  @Column('timestamptz', { nullable: true })
  settledAt!: Date | null;
}
