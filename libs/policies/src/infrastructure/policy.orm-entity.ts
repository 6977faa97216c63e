import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AppraisalPolicy } from '@ajar/appraisal';

/** A tenant's named policy (e.g. `default`, `horizon-2027`); its versions are immutable. */
@Entity('policies')
@Index('uq_policies_tenant_name', ['tenantId', 'name'], { unique: true })
export class PolicyOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('varchar', { length: 80 })
  name!: string;

  /** Latest version; also the version of the policy's event stream. */
  @Column('int')
  currentVersion!: number;

  @Column('timestamptz')
  createdAt!: Date;
}

@Entity('policy_versions')
export class PolicyVersionOrmEntity {
  @PrimaryColumn('uuid')
  policyId!: string;

  @PrimaryColumn('int')
  version!: number;

  @Column('uuid')
  tenantId!: string;

  /** The document as submitted. */
  @Column('jsonb')
  document!: Record<string, unknown>;

  /** The validated policy the engine runs with: the document merged over the defaults. */
  @Column('jsonb')
  effective!: AppraisalPolicy;

  @Column('timestamptz')
  createdAt!: Date;
}

/** A funder call, bound to one policy version for its whole life. */
@Entity('calls')
@Index('ix_calls_tenant_created', ['tenantId', 'createdAt'])
export class CallOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('varchar', { length: 300 })
  title!: string;

  @Column('varchar', { length: 200, nullable: true })
  externalRef!: string | null;

  @Column('uuid')
  policyId!: string;

  @Column('varchar', { length: 80 })
  policyName!: string;

  @Column('int')
  policyVersion!: number;

  @Column('timestamptz')
  createdAt!: Date;
}
