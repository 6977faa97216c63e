import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A one-time code an advisory body issues so that an institution or funder may register it as its
 * national advisor: the body's consent to receive that tenant's escalations. Only the code's
 * SHA-256 is stored; the code itself is shown once to the advisory body's admin.
 */
@Entity('advisor_registration_codes')
@Index('ix_advisor_registration_codes_advisor', ['advisorTenantId', 'issuedAt'])
export class AdvisorRegistrationCodeOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** The advisory body that issued the code (and consents to be registered with it). */
  @Column('uuid')
  advisorTenantId!: string;

  @Index('uq_advisor_registration_codes_hash', { unique: true })
  @Column('char', { length: 64 })
  codeHash!: string;

  /** The one tenant that may present the code; any funder or institution when null. */
  @Column('uuid', { nullable: true })
  forTenantId!: string | null;

  @Column('varchar', { length: 200 })
  issuedBy!: string;

  @Column('timestamptz')
  issuedAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('uuid', { nullable: true })
  redeemedByTenantId!: string | null;

  @Column('timestamptz', { nullable: true })
  redeemedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
