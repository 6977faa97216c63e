import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaseDeadlineKind, DeadlineAlarm } from '../../domain/case-deadlines';

export type CaseDeadlineState = 'pending' | 'fired' | 'cancelled';

/**
 * A due time that must hold across restarts: the row is the truth, the BullMQ delayed job only
 * its alarm clock. A sweeper re-arms rows whose job Redis lost; the handler re-checks the case,
 * so a deadline whose reason has gone never acts.
 */
@Entity('case_deadlines')
@Index('ix_case_deadlines_due', ['dueAt'], { where: `state = 'pending'` })
@Index('ix_case_deadlines_case', ['tenantId', 'caseId'])
export class CaseDeadlineOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  caseId!: string;

  @Column('varchar', { length: 40 })
  kind!: CaseDeadlineKind;

  /** What it is about (the decision, escalation, measure or request id). */
  @Column('uuid')
  subjectId!: string;

  /** Which alarm of the subject: a reminder (halfway, due day) or the due time itself. */
  @Column('varchar', { length: 20, default: 'due' })
  alarm!: DeadlineAlarm;

  @Column('timestamptz')
  dueAt!: Date;

  @Column('varchar', { length: 20 })
  state!: CaseDeadlineState;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  settledAt!: Date | null;
}
