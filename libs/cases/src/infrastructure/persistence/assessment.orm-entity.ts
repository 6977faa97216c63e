import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One appraisal of one case version, immutable, with the policy and list versions (and list-hit
 * decisions) it used. The unique index makes a redelivered appraisal job unable to store a second
 * assessment for the same inputs.
 */
@Entity('assessments')
@Index('uq_assessments_inputs', ['caseId', 'caseVersion', 'policyName', 'policyVersion', 'referenceListsKey', 'adjudicationsKey', 'mitigationKey'], { unique: true })
@Index('uq_assessments_case_sequence', ['caseId', 'sequence'], { unique: true })
export class AssessmentOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  caseId!: string;

  @Column('int')
  caseVersion!: number;

  /** 1 for the case's first assessment, then +1. */
  @Column('int')
  sequence!: number;

  @Column('varchar', { length: 80 })
  policyName!: string;

  @Column('int')
  policyVersion!: number;

  @Column('jsonb')
  referenceLists!: { listId: string; version: number }[];

  /** The list versions as one comparable string (`listId@version,…`, sorted). */
  @Column('varchar', { length: 2000 })
  referenceListsKey!: string;

  /** The list-hit decisions the appraisal took into account, as one comparable string. */
  @Column('varchar', { length: 2000, default: '' })
  adjudicationsKey!: string;

  /** The agreed mitigation plan taken into account (its id), or '' for an inherent appraisal. */
  @Column('varchar', { length: 40, default: '' })
  mitigationKey!: string;

  /** The residual risk once the agreed measures are taken into account; null without a plan. */
  @Column('jsonb', { nullable: true })
  residual!: Record<string, unknown> | null;

  @Column('varchar', { length: 4 })
  research!: string;

  @Column('varchar', { length: 4 })
  counterparty!: string;

  @Column('varchar', { length: 4 })
  integrity!: string;

  @Column('varchar', { length: 20 })
  level!: string;

  @Column('varchar', { length: 20 })
  route!: string;

  @Column('jsonb')
  dimensions!: Record<string, string>;

  @Column('jsonb')
  findings!: unknown[];

  @Column('jsonb')
  escalationRecommendation!: Record<string, unknown>;

  @Column('timestamptz')
  completedAt!: Date;
}
