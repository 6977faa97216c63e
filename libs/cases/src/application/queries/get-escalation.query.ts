import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { storedWorkflow, type EscalationRecord } from '../../domain/case-workflow';
import { escalationPackage, type EscalationPackage } from '../../domain/escalation-package';
import { CaseEscalationQueryService } from '../../infrastructure/case-escalation.query-service';
import { CaseQueryService } from '../../infrastructure/case.query-service';
import { AdvisorRoleRequired, EscalationNotFound, findAddressedEscalation } from './addressed-escalation';

/** The advisor sees the package; the tenant that raised it sees its record, the case id and the same package. */
export type EscalationView =
  | { audience: 'advisor'; package: EscalationPackage; advice: EscalationRecord['advice'] }
  | { audience: 'owner'; caseId: string; escalation: EscalationRecord; package: EscalationPackage };

export class GetEscalationQuery extends Query<EscalationView> {
  constructor(
    readonly escalationId: string,
    readonly callerTenantId: string,
    /** The caller's roles: an advisory body's package is read with `national_advisor` only. */
    readonly callerRoles: readonly string[],
  ) {
    super();
  }
}

@QueryHandler(GetEscalationQuery)
export class GetEscalationHandler implements IQueryHandler<GetEscalationQuery, EscalationView> {
  constructor(
    private readonly escalations: CaseEscalationQueryService,
    private readonly cases: CaseQueryService,
  ) {}

  async execute(query: GetEscalationQuery): Promise<EscalationView> {
    const addressed = await findAddressedEscalation(this.escalations, query.escalationId, query.callerTenantId);
    if (!addressed) throw new EscalationNotFound(query.escalationId);
    if (addressed.asAdvisor && !query.callerRoles.includes('national_advisor')) throw new AdvisorRoleRequired();
    const row = await this.cases.escalationPackageSource(addressed.tenantId, addressed.caseId);
    const escalation = row ? storedWorkflow(row.workflow).escalations.find((candidate) => candidate.id === addressed.id) : undefined;
    if (!row || !escalation) throw new EscalationNotFound(query.escalationId);
    const minimised = escalationPackage(escalation, row.content, row.findings ?? []);
    if (addressed.asAdvisor) return { audience: 'advisor', package: minimised, advice: escalation.advice };
    return { audience: 'owner', caseId: addressed.caseId, escalation, package: minimised };
  }
}
