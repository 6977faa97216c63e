import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CaseEscalationQueryService } from '../../infrastructure/case-escalation.query-service';

export interface EscalationSummary {
  escalationId: string;
  /** Only for the tenant that raised it; the advisor works from the escalation id. */
  caseId: string | null;
  target: string;
  status: string;
  dueAt: string;
  raisedAt: string;
}

/**
 * The escalations the calling tenant raised, and (an advisory body's `national_advisor` keys only)
 * those addressed to it; newest first.
 */
export class ListEscalationsQuery extends Query<{ items: EscalationSummary[] }> {
  constructor(
    readonly callerTenantId: string,
    readonly status: 'open' | 'answered' | 'withdrawn' | undefined,
    readonly limit: number,
    /** The caller's roles: escalations addressed to the tenant are listed for `national_advisor` only. */
    readonly callerRoles: readonly string[],
  ) {
    super();
  }
}

@QueryHandler(ListEscalationsQuery)
export class ListEscalationsHandler implements IQueryHandler<ListEscalationsQuery, { items: EscalationSummary[] }> {
  constructor(private readonly escalations: CaseEscalationQueryService) {}

  async execute(query: ListEscalationsQuery): Promise<{ items: EscalationSummary[] }> {
    const rows = await this.escalations.listFor(query.callerTenantId, query.status, query.limit, query.callerRoles.includes('national_advisor'));
    return {
      items: rows.map((row) => ({
        escalationId: row.id,
        caseId: row.tenantId === query.callerTenantId ? row.caseId : null,
        target: row.target,
        status: row.status,
        dueAt: row.dueAt.toISOString(),
        raisedAt: row.createdAt.toISOString(),
      })),
    };
  }
}
