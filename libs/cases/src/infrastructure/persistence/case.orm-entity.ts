import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Adjudication } from '@ajar/appraisal';
import type { CaseContent, Disclosure } from '../../domain/case-content';
import type { CaseState, RiskLevel } from '../../domain/case-state';
import type { CaseWorkflow } from '../../domain/case-workflow';

/** The case read model, updated in the transaction that appends the case's events. */
@Entity('cases')
@Index('ix_cases_tenant_created', ['tenantId', 'createdAt', 'id'])
@Index('ix_cases_tenant_state', ['tenantId', 'state', 'createdAt'])
@Index('ix_cases_tenant_external_ref', ['tenantId', 'externalRef'])
@Index('ix_cases_tenant_call', ['tenantId', 'callId'])
// The screening gauges of /metrics count these across tenants at every scrape.
@Index('ix_cases_screening', ['updatedAt'], { where: "state IN ('screening', 'screening_failed')" })
export class CaseOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  /** Version of the case's event stream (optimistic concurrency). */
  @Column('int')
  version!: number;

  /** Amendment number: 1 at submission, +1 per amendment. */
  @Column('int')
  caseVersion!: number;

  @Column('varchar', { length: 30 })
  state!: CaseState;

  @Column('varchar', { length: 30 })
  kind!: string;

  @Column('uuid', { nullable: true })
  callId!: string | null;

  @Column('varchar', { length: 200, nullable: true })
  externalRef!: string | null;

  @Column('varchar', { length: 500 })
  title!: string;

  @Column('varchar', { length: 20, nullable: true })
  level!: RiskLevel | null;

  @Column('jsonb')
  content!: CaseContent;

  @Column('jsonb')
  disclosures!: Record<string, Disclosure>;

  @Column('text', { array: true })
  pendingDisclosures!: string[];

  /** Decisions on list hits (RS-L-011), fed to every appraisal of the case. */
  @Column('jsonb', { default: () => "'[]'" })
  adjudications!: Adjudication[];

  /** Review, judgement, decision and appeal (`CaseWorkflow`); null until the case has any. */
  @Column('jsonb', { nullable: true })
  workflow!: Partial<CaseWorkflow> | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
