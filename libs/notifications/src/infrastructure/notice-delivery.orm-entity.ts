import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One notice e-mail to one recipient: the key makes a redelivered job send nothing twice once
 * `sentAt` is set; a row without it is retried.
 */
@Entity('notice_deliveries')
export class NoticeDeliveryOrmEntity {
  /** The case event the notice is about. */
  @PrimaryColumn('uuid')
  eventId!: string;

  /** The API key whose contact address received it. */
  @PrimaryColumn('uuid')
  recipientKeyId!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  /** The SMTP server's last refusal, for the operator; never the message body. */
  @Column('varchar', { length: 500, nullable: true })
  lastError!: string | null;
}
