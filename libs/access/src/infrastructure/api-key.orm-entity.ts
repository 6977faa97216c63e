import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '../domain/roles';

@Entity('api_keys')
@Index('ix_api_keys_tenant', ['tenantId', 'createdAt'])
export class ApiKeyOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('text', { array: true })
  roles!: Role[];

  /** SHA-256 of the key; the key itself is never stored. */
  @Index('uq_api_keys_hash', { unique: true })
  @Column('char', { length: 64 })
  keyHash!: string;

  /** The first characters of the key, to recognise it in a list. */
  @Column('varchar', { length: 12 })
  displayPrefix!: string;

  /** Where notices for this key's roles go by e-mail; none without it. */
  @Column('varchar', { length: 254, nullable: true })
  contactEmail!: string | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
