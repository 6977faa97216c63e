import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { QueueEnvelope } from '@ajar/messaging';

/** A message to hand to a queue, written in the same transaction as the events it announces. */
@Entity('outbox_messages')
@Index('ix_outbox_unpublished', ['createdAt'], { where: 'published_at IS NULL' })
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
}
