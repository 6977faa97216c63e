import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EscalationTarget } from '../../domain/case-workflow';

/**
 * Where an escalation can be found from outside its case: the advisory body's tenant reads its
 * minimised package and answers through this row, never through the case. Written with the
 * case's events, in the same transaction (CaseEscalationsProjection); the case's workflow stays the truth.
 */
@Entity('case_escalations')
@Index('ix_case_escalations_tenant', ['tenantId', 'createdAt'])
@Index('ix_case_escalations_advisor', ['advisorTenantId', 'createdAt'], { where: 'advisor_tenant_id IS NOT NULL' })
export class CaseEscalationOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** The tenant that owns the case and raised the escalation. */
  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  caseId!: string;

  @Column('varchar', { length: 30 })
  target!: EscalationTarget;

  @Column('uuid', { nullable: true })
  advisorTenantId!: string | null;

  @Column('varchar', { length: 20 })
  status!: 'open' | 'answered' | 'withdrawn';

  @Column('timestamptz')
  dueAt!: Date;

  @Column('timestamptz')
  createdAt!: Date;
}
