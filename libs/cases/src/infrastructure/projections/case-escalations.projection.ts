import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseEscalationOrmEntity } from '../persistence/case-escalation.orm-entity';
import type { EscalationTarget } from '../../domain/case-workflow';
import type { CaseProjection, StoredCaseChange } from './case-projection';

/**
 * Keeps `case_escalations`: where an escalation is found from outside its case (the advisor's
 * tenant answers by id). The case's workflow stays the truth; this is its index.
 */
@Injectable()
export class CaseEscalationsProjection implements CaseProjection {
  async apply(tx: EntityManager, change: StoredCaseChange): Promise<void> {
    const escalations = tx.getRepository(CaseEscalationOrmEntity);
    for (const event of change.events) {
      const escalationId = event.payload.escalationId;
      if (typeof escalationId !== 'string') continue;
      if (event.type === 'EscalationRaised') {
        const advisorTenantId = event.payload.advisorTenantId;
        await escalations.insert({
          id: escalationId,
          tenantId: change.tenantId,
          caseId: change.caseId,
          target: event.payload.target as EscalationTarget,
          advisorTenantId: typeof advisorTenantId === 'string' ? advisorTenantId : null,
          status: 'open',
          dueAt: new Date(String(event.payload.dueAt)),
          createdAt: () => 'now()',
        });
      } else if (event.type === 'AdviceReceived' || event.type === 'EscalationWithdrawn') {
        await escalations.update({ tenantId: change.tenantId, id: escalationId }, { status: event.type === 'AdviceReceived' ? 'answered' : 'withdrawn' });
      }
    }
  }
}
