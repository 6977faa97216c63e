import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor } from '../application/queries/case-cursor';
import type { CaseState, RiskLevel } from '../domain/case-state';
import type { DecisionOutcome, DecisionRecord, EscalationRecord, EscalationTarget } from '../domain/case-workflow';

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

/**
 * The research-security register, read from `cases`. Raw SQL: membership and filters are JSON
 * containment and path operators on the workflow column. Only fixed clauses are joined; every
 * value goes as a parameter.
 */
@Injectable()
export class CaseRegisterQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; one row more than `limit` says a next page exists. */
  async page(tenantId: string, filters: RegisterFilters, limit: number, cursor: string | undefined): Promise<RegisterRow[]> {
    const { sql, parameters } = registerWhere(tenantId, filters, cursor);
    parameters.push(limit + 1);
    return this.dataSource.query<RegisterRow[]>(
      `SELECT id, external_ref, call_id, kind, state, level, created_at, updated_at,
              workflow->'screening'->>'route' AS route,
              workflow->'screening'->>'research' AS research,
              workflow->'escalations' AS escalations,
              workflow->'decision' AS decision
         FROM cases WHERE ${sql}
        ORDER BY created_at DESC, id DESC LIMIT $${parameters.length}`,
      parameters,
    );
  }

  /** How many entries match, counting no further than `cap + 1`. */
  async count(tenantId: string, filters: RegisterFilters, cap: number): Promise<number> {
    const { sql, parameters } = registerWhere(tenantId, filters);
    parameters.push(cap + 1);
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases WHERE ${sql} LIMIT $${parameters.length}) capped`,
      parameters,
    );
    return row?.n ?? 0;
  }
}
