import { DomainError } from '@ajar/kernel';
import type { EscalationTarget } from '../../domain/case-workflow';
import type { CaseEscalationQueryService } from '../../infrastructure/case-escalation.query-service';

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
export async function findAddressedEscalation(
  escalations: Pick<CaseEscalationQueryService, 'addressedTo'>,
  escalationId: string,
  callerTenantId: string,
): Promise<AddressedEscalation | null> {
  const row = await escalations.addressedTo(escalationId, callerTenantId);
  if (!row) return null;
  return { ...row, asAdvisor: row.tenantId !== callerTenantId };
}
