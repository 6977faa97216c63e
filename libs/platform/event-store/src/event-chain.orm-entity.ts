import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event's link in its tenant's hash chain: SHA-256 over the previous link's hash and the
 * canonical event. Append-only, like the events it covers.
 */
@Entity('event_chain')
export class EventChainLinkOrmEntity {
  @PrimaryColumn('uuid')
  tenantId!: string;

  @PrimaryColumn('bigint')
  tenantSequence!: string;

  @Column('uuid', { unique: true })
  eventId!: string;

  @Column('char', { length: 64 })
  previousHash!: string;

  @Column('char', { length: 64 })
  hash!: string;

  @Column('timestamptz')
  chainedAt!: Date;
}

/** Events appended but not chained yet; the chainer in the worker empties it within moments. */
@Entity('event_chain_pending')
export class EventChainPendingOrmEntity {
  @PrimaryColumn('bigint')
  position!: string;

  @Column('uuid')
  tenantId!: string;
}
