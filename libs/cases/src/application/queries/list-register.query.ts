import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CaseState, RiskLevel } from '../../domain/case-state';
import type { DecisionOutcome, DecisionRecord, EscalationRecord, EscalationTarget } from '../../domain/case-workflow';
import { decodeCursor, encodeCursor } from './list-cases.query';

/** Levels that put a case on the register whatever happened to it. */
export const REGISTER_LEVELS: readonly RiskLevel[] = ['high', 'very_high', 'blocked'];

export interface RegisterFilters {
  level?: RiskLevel;
  state?: CaseState;
  callId?: string;
  escalationTarget?: EscalationTarget;
  /** The outcome of the case's current decision (proposed or recorded: see `decision.status`). */
  outcome?: DecisionOutcome;
  /** Created at or after (ISO 8601). */
  from?: string;
  /** Created before (ISO 8601). */
  to?: string;
}

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

export interface RegisterRow {
  id: string;
  external_ref: string | null;
  call_id: string | null;
  kind: string;
  state: CaseState;
  level: RiskLevel | null;
  route: string | null;
  research: string | null;
  escalations: EscalationRecord[] | null;
  decision: DecisionRecord | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * The register's WHERE clause, parameterised: the caller's tenant; cases at a register level or
 * ever escalated (at least one escalation record, whatever its status); then the filters and the
 * keyset cursor. Pure, so the membership rule is tested without a database.
 */
export function registerWhere(tenantId: string, filters: RegisterFilters, cursor?: string): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [tenantId, REGISTER_LEVELS];
  const where = [
    'tenant_id = $1',
    // `@> '[{}]'` is "an array holding at least one object": the same as
    // jsonb_array_length(coalesce(…, '[]')) > 0 for the workflow's array of records, and it cannot
    // fail on an old row whose `escalations` is JSON null.
    `(level = ANY($2::text[]) OR coalesce(workflow->'escalations', '[]'::jsonb) @> '[{}]'::jsonb)`,
  ];
  const add = (clause: string, value: unknown): void => {
    parameters.push(value);
    where.push(clause.replace('?', `$${parameters.length}`));
  };
  if (filters.level) add('level = ?', filters.level);
  if (filters.state) add('state = ?', filters.state);
  if (filters.callId) add('call_id = ?::uuid', filters.callId);
  if (filters.escalationTarget) add(`workflow->'escalations' @> ?::jsonb`, JSON.stringify([{ target: filters.escalationTarget }]));
  if (filters.outcome) add(`workflow->'decision'->>'outcome' = ?`, filters.outcome);
  if (filters.from) add('created_at >= ?::timestamptz', filters.from);
  if (filters.to) add('created_at < ?::timestamptz', filters.to);
  if (cursor) {
    const { createdAt, id } = decodeCursor(cursor);
    parameters.push(createdAt, id);
    where.push(`(created_at, id) < ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`);
  }
  return { sql: where.join(' AND '), parameters };
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: ListRegisterQuery): Promise<RegisterPage> {
    const { sql, parameters } = registerWhere(query.tenantId, query.filters, query.cursor);
    parameters.push(query.limit + 1);
    const rows = await this.dataSource.query<RegisterRow[]>(
      `SELECT id, external_ref, call_id, kind, state, level, created_at, updated_at,
              workflow->'screening'->>'route' AS route,
              workflow->'screening'->>'research' AS research,
              workflow->'escalations' AS escalations,
              workflow->'decision' AS decision
         FROM cases WHERE ${sql}
        ORDER BY created_at DESC, id DESC LIMIT $${parameters.length}`,
      parameters,
    );
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: CountRegisterQuery): Promise<number> {
    const { sql, parameters } = registerWhere(query.tenantId, query.filters);
    parameters.push(query.cap + 1);
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases WHERE ${sql} LIMIT $${parameters.length}) capped`,
      parameters,
    );
    return row?.n ?? 0;
  }
}
