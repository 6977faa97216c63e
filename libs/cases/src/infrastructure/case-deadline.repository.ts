import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan, MoreThan } from 'typeorm';
import { CaseDeadlineOrmEntity, type CaseDeadlineState } from './persistence/case-deadline.orm-entity';

/** A deadline still pending past its due time: its alarm may have been lost. */
export interface OverdueDeadline {
  id: string;
  tenantId: string;
  caseId: string;
}

/**
 * Reads and settles `case_deadlines` rows (CaseDeadlinesProjection writes them). A settled row
 * (`fired`, `cancelled`) is never settled again.
 */
@Injectable()
export class CaseDeadlineRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(tenantId: string, deadlineId: string): Promise<CaseDeadlineOrmEntity | null> {
    return this.dataSource.getRepository(CaseDeadlineOrmEntity).findOne({ where: { tenantId, id: deadlineId } });
  }

  /** Settles a pending deadline; inside the case change that acts on it when `tx` is given. */
  async settle(deadlineId: string, state: Exclude<CaseDeadlineState, 'pending'>, tx?: EntityManager): Promise<void> {
    await (tx ?? this.dataSource.manager)
      .getRepository(CaseDeadlineOrmEntity)
      .update({ id: deadlineId, state: 'pending' }, { state, settledAt: () => 'now()' });
  }

  /** Pending deadlines due before `dueBefore`, in id order after `afterId` (a sweep pages through all of them). */
  async overdue(dueBefore: Date, limit: number, afterId?: string): Promise<OverdueDeadline[]> {
    return this.dataSource.getRepository(CaseDeadlineOrmEntity).find({
      select: { id: true, tenantId: true, caseId: true },
      where: { state: 'pending', dueAt: LessThan(dueBefore), ...(afterId !== undefined ? { id: MoreThan(afterId) } : {}) },
      order: { id: 'ASC' },
      take: limit,
    });
  }
}
