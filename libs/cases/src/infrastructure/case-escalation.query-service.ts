import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import type { EscalationTarget } from '../domain/case-workflow';
import { CaseEscalationOrmEntity } from './persistence/case-escalation.orm-entity';

/** An escalation row as the calling tenant may see it. */
export interface AddressedEscalationRow {
  id: string;
  tenantId: string;
  caseId: string;
  target: EscalationTarget;
  advisorTenantId: string | null;
}

export type EscalationStatus = CaseEscalationOrmEntity['status'];

/** Reads of `case_escalations`, the index by which escalations are found from outside their case. */
@Injectable()
export class CaseEscalationQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One escalation the caller raised, or one addressed to it as national advisor; null otherwise. */
  async addressedTo(escalationId: string, callerTenantId: string): Promise<AddressedEscalationRow | null> {
    return this.dataSource
      .getRepository(CaseEscalationOrmEntity)
      .findOne({
        select: { id: true, tenantId: true, caseId: true, target: true, advisorTenantId: true },
        where: [
          { id: escalationId, tenantId: callerTenantId },
          { id: escalationId, advisorTenantId: callerTenantId },
        ],
      });
  }

  /**
   * The escalations the caller raised and, when `addressedToo`, those addressed to it; newest
   * first, optionally of one status.
   */
  async listFor(callerTenantId: string, status: EscalationStatus | undefined, limit: number, addressedToo: boolean): Promise<CaseEscalationOrmEntity[]> {
    const query = this.dataSource
      .getRepository(CaseEscalationOrmEntity)
      .createQueryBuilder('e')
      .where(
        new Brackets((either) => {
          either.where('e.tenantId = :caller', { caller: callerTenantId });
          if (addressedToo) either.orWhere('e.advisorTenantId = :caller', { caller: callerTenantId });
        }),
      );
    if (status !== undefined) query.andWhere('e.status = :status', { status });
    return query.orderBy('e.createdAt', 'DESC').addOrderBy('e.id', 'DESC').limit(limit).getMany();
  }
}
