import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: ListEscalationsQuery): Promise<{ items: EscalationSummary[] }> {
    const rows: { id: string; tenant_id: string; case_id: string; target: string; status: string; due_at: Date; created_at: Date }[] = await this.dataSource.query(
      `SELECT id, tenant_id, case_id, target, status, due_at, created_at FROM case_escalations
        WHERE (tenant_id = $1 OR ($4 AND advisor_tenant_id = $1)) AND ($2::text IS NULL OR status = $2)
        ORDER BY created_at DESC, id DESC LIMIT $3`,
      [query.callerTenantId, query.status ?? null, query.limit, query.callerRoles.includes('national_advisor')],
    );
    return {
      items: rows.map((row) => ({
        escalationId: row.id,
        caseId: row.tenant_id === query.callerTenantId ? row.case_id : null,
        target: row.target,
        status: row.status,
        dueAt: row.due_at.toISOString(),
        raisedAt: row.created_at.toISOString(),
      })),
    };
  }
}
