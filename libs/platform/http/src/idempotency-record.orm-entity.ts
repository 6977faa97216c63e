import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The first response to an `Idempotency-Key`, replayed to retries with the same body. */
@Entity('idempotency_records')
@Index('ix_idempotency_expires', ['expiresAt'])
export class IdempotencyRecordOrmEntity {
  /** The tenant id, or `platform` for requests made with the bootstrap token. */
  @PrimaryColumn('varchar', { length: 64 })
  scope!: string;

  @PrimaryColumn('varchar', { length: 255 })
  key!: string;

  @Column('char', { length: 64 })
  requestHash!: string;

  @Column('varchar', { length: 16 })
  state!: 'in_progress' | 'completed';

  @Column('int', { nullable: true })
  responseStatus!: number | null;

  @Column('jsonb', { nullable: true })
  responseBody!: unknown;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  /**
   * While `in_progress`: who runs the request now. Each claim or takeover draws a new token, so a
   * request that lost its lease can neither renew it nor store its answer over the new holder's.
   */
  @Column('uuid', { nullable: true })
  leaseToken!: string | null;

  /**
   * While `in_progress`: until when the holder is presumed alive (a few seconds, renewed while it
   * runs). A retry after it takes the request over; a crashed request locks its key no longer.
   */
  @Column('timestamptz', { nullable: true })
  leaseExpiresAt!: Date | null;
}
