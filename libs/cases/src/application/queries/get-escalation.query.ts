import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CaseContent } from '../../domain/case-content';
import { storedWorkflow, type CaseWorkflow, type EscalationRecord } from '../../domain/case-workflow';
import { escalationPackage, type EscalationPackage, type PackagedFindingSource } from '../../domain/escalation-package';
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: GetEscalationQuery): Promise<EscalationView> {
    const addressed = await findAddressedEscalation(this.dataSource, query.escalationId, query.callerTenantId);
    if (!addressed) throw new EscalationNotFound(query.escalationId);
    if (addressed.asAdvisor && !query.callerRoles.includes('national_advisor')) throw new AdvisorRoleRequired();
    const rows: { content: CaseContent; workflow: CaseWorkflow | null; findings: PackagedFindingSource[] | null }[] = await this.dataSource.query(
      `SELECT c.content, c.workflow,
              (SELECT a.findings FROM assessments a WHERE a.case_id = c.id AND a.case_version = c.case_version ORDER BY a.sequence DESC LIMIT 1) AS findings
         FROM cases c WHERE c.tenant_id = $1 AND c.id = $2`,
      [addressed.tenantId, addressed.caseId],
    );
    const row = rows[0];
    const escalation = row ? storedWorkflow(row.workflow).escalations.find((candidate) => candidate.id === addressed.id) : undefined;
    if (!row || !escalation) throw new EscalationNotFound(query.escalationId);
    const minimised = escalationPackage(escalation, row.content, row.findings ?? []);
    if (addressed.asAdvisor) return { audience: 'advisor', package: minimised, advice: escalation.advice };
    return { audience: 'owner', caseId: addressed.caseId, escalation, package: minimised };
  }
}
