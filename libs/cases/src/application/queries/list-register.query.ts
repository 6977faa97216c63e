import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { CaseState, RiskLevel } from '../../domain/case-state';
import type { DecisionOutcome, DecisionRecord, EscalationRecord, EscalationTarget } from '../../domain/case-workflow';
import { encodeCursor } from './case-cursor';
import { CaseRegisterQueryService, type RegisterFilters, type RegisterRow } from '../../infrastructure/case-register.query-service';

export { REGISTER_LEVELS } from '../../infrastructure/case-register.query-service';
export type { RegisterFilters, RegisterRow };

export interface RegisterEscalation {
  target: EscalationTarget;
  status: EscalationRecord['status'];
  dueAt: string;
  /** Open and past its due time (or already marked overdue by its deadline). */
  overdue: boolean;
}

/** One case of the research-security register. */
export interface RegisterEntry {
  caseId: string;
  externalRef: string | null;
  callId: string | null;
  kind: string;
  state: CaseState;
  level: RiskLevel | null;
  route: string | null;
  research: string | null;
  escalations: RegisterEscalation[];
  /** The current decision; `status` says whether it still awaits its second approver. */
  decision: { outcome: DecisionOutcome; status: DecisionRecord['status']; approvers: string[] } | null;
  createdAt: string;
  updatedAt: string;
}

export interface RegisterPage {
  items: RegisterEntry[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export function toRegisterEntry(row: RegisterRow, now: Date): RegisterEntry {
  const decision = row.decision;
  return {
    caseId: row.id,
    externalRef: row.external_ref,
    callId: row.call_id,
    kind: row.kind,
    state: row.state,
    level: row.level,
    route: row.route,
    research: row.research,
    escalations: (Array.isArray(row.escalations) ? row.escalations : []).map((escalation) => ({
      target: escalation.target,
      status: escalation.status,
      dueAt: escalation.dueAt,
      overdue: escalation.status === 'open' && (Boolean(escalation.overdueAt) || Date.parse(escalation.dueAt) <= now.getTime()),
    })),
    decision: decision ? { outcome: decision.outcome, status: decision.status, approvers: decision.approvers } : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** One page of the register, newest first, keyset-paginated on (created_at, id) like GET /v1/cases. */
export class ListRegisterQuery extends Query<RegisterPage> {
  constructor(
    readonly tenantId: string,
    readonly filters: RegisterFilters,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

/** How many register entries match, counting no further than `cap + 1` (for an export's cap). */
export class CountRegisterQuery extends Query<number> {
  constructor(
    readonly tenantId: string,
    readonly filters: RegisterFilters,
    readonly cap: number,
  ) {
    super();
  }
}

@QueryHandler(ListRegisterQuery)
export class ListRegisterHandler implements IQueryHandler<ListRegisterQuery, RegisterPage> {
  constructor(private readonly register: CaseRegisterQueryService) {}

  async execute(query: ListRegisterQuery): Promise<RegisterPage> {
    const rows = await this.register.page(query.tenantId, query.filters, query.limit, query.cursor);
    const page = rows.slice(0, query.limit);
    const now = new Date();
    return {
      items: page.map((row) => toRegisterEntry(row, now)),
      nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }
}

@QueryHandler(CountRegisterQuery)
export class CountRegisterHandler implements IQueryHandler<CountRegisterQuery, number> {
  constructor(private readonly register: CaseRegisterQueryService) {}

  async execute(query: CountRegisterQuery): Promise<number> {
    return this.register.count(query.tenantId, query.filters, query.cap);
  }
}
