import { DomainError } from '@ajar/kernel';
import type { DataSource } from 'typeorm';
import type { EscalationTarget } from '../../domain/case-workflow';

export class EscalationNotFound extends DomainError {
  constructor(escalationId: string) {
    super('ESCALATION.NOT_FOUND', `Escalation ${escalationId} was not found.`, 'not_found');
  }
}

/** An advisory body's package is for its `national_advisor` keys only; its other roles are refused. */
export class AdvisorRoleRequired extends DomainError {
  constructor() {
    super('ESCALATION.ADVISOR_ROLE_REQUIRED', 'Only national_advisor keys of the advisory body read the packages addressed to it.', 'forbidden');
  }
}

export interface AddressedEscalation {
  id: string;
  tenantId: string;
  caseId: string;
  target: EscalationTarget;
  advisorTenantId: string | null;
  /** Whether the caller reads as the advisory body (another tenant): it gets the minimised package only. */
  asAdvisor: boolean;
}

/**
 * An escalation as the calling tenant may see it: its own (it raised it), or one addressed to it
 * as national advisor. A national advisor escalation is answered by the advisor's tenant only;
 * everything else by the owning tenant. Anything else does not exist for the caller.
 */
export async function findAddressedEscalation(dataSource: DataSource, escalationId: string, callerTenantId: string): Promise<AddressedEscalation | null> {
  const rows: { id: string; tenant_id: string; case_id: string; target: EscalationTarget; advisor_tenant_id: string | null }[] = await dataSource.query(
    `SELECT id, tenant_id, case_id, target, advisor_tenant_id FROM case_escalations WHERE id = $1 AND (tenant_id = $2 OR advisor_tenant_id = $2)`,
    [escalationId, callerTenantId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    caseId: row.case_id,
    target: row.target,
    advisorTenantId: row.advisor_tenant_id,
    asAdvisor: row.tenant_id !== callerTenantId,
  };
}
