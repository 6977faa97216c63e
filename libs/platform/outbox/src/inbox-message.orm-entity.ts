import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A message a consumer has already acted on; its insert makes the consumer idempotent. */
@Entity('inbox_messages')
export class InboxMessageOrmEntity {
  @PrimaryColumn('varchar', { length: 60 })
  consumer!: string;

  @PrimaryColumn('uuid')
  messageId!: string;

  @Column('timestamptz')
  processedAt!: Date;
}
