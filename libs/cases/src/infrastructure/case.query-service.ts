import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Adjudication } from '@ajar/appraisal';
import { decodeCursor } from '../application/queries/case-cursor';
import type { CaseRow } from '../application/queries/case.view';
import type { CaseContent, Disclosure } from '../domain/case-content';
import type { CaseState, RiskLevel } from '../domain/case-state';
import type { CaseWorkflow } from '../domain/case-workflow';
import type { PackagedFindingSource } from '../domain/escalation-package';

export interface CaseListFilters {
  state?: string;
  level?: string;
  callId?: string;
  externalRef?: string;
}

/** What the review tasks of one case are computed from. */
export interface CaseTaskRow {
  state: CaseState;
  case_version: number;
  version: number;
  workflow: Partial<CaseWorkflow> | null;
}

/** A case of the tenant's work queue. */
export interface CaseTaskListRow extends CaseTaskRow {
  id: string;
  external_ref: string | null;
  title: string;
  level: RiskLevel | null;
  created_at: Date;
}

/** What a decision letter reads of the case. */
export interface LetterCaseRow {
  id: string;
  state: CaseState;
  case_version: number;
  version: number;
  kind: string;
  call_id: string | null;
  external_ref: string | null;
  title: string;
  workflow: Partial<CaseWorkflow> | null;
}

/** A case as list monitoring re-screens it. */
export interface MonitoredCase {
  id: string;
  state: string;
  case_version: number;
  call_id: string | null;
  content: CaseContent;
  disclosures: Record<string, Disclosure>;
  adjudications: Adjudication[];
}

/** What an escalation package is made of: the case and the findings of its current version's latest assessment. */
export interface EscalationPackageSource {
  content: CaseContent;
  workflow: Partial<CaseWorkflow> | null;
  findings: PackagedFindingSource[] | null;
}

/**
 * Read models of the `cases` table, always within one tenant. Raw SQL: the reads select JSON
 * paths, row comparisons for keyset pages and correlated sub-selects, which the query builder
 * only wraps in strings anyway. Parameters only; no input reaches the SQL text.
 */
@Injectable()
export class CaseQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The whole read model of one case, or null. */
  async view(tenantId: string, caseId: string): Promise<CaseRow | null> {
    const rows: CaseRow[] = await this.dataSource.query(`SELECT * FROM cases WHERE tenant_id = $1 AND id = $2`, [tenantId, caseId]);
    return rows[0] ?? null;
  }

  async exists(tenantId: string, caseId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM cases WHERE tenant_id = $1 AND id = $2`, [tenantId, caseId]);
    return rows.length > 0;
  }

  /** The call a case was submitted to: undefined if the tenant has no such case, null if it names none. */
  async callIdOf(tenantId: string, caseId: string): Promise<string | null | undefined> {
    const rows: { call_id: string | null }[] = await this.dataSource.query(`SELECT call_id FROM cases WHERE tenant_id = $1 AND id = $2`, [tenantId, caseId]);
    return rows.length === 0 ? undefined : rows[0].call_id;
  }

  /** Newest first, keyset-paginated on (created_at, id); one row more than `limit` says a next page exists. */
  async page(tenantId: string, filters: CaseListFilters, limit: number, cursor: string | undefined): Promise<CaseRow[]> {
    const where = ['tenant_id = $1'];
    const parameters: unknown[] = [tenantId];
    const add = (clause: string, value: unknown): void => {
      parameters.push(value);
      where.push(clause.replace('?', `$${parameters.length}`));
    };
    if (filters.state) add('state = ?', filters.state);
    if (filters.level) add('level = ?', filters.level);
    if (filters.callId) add('call_id = ?', filters.callId);
    if (filters.externalRef) add('external_ref = ?', filters.externalRef);
    if (cursor) {
      const { createdAt, id } = decodeCursor(cursor);
      parameters.push(createdAt, id);
      where.push(`(created_at, id) < ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`);
    }
    parameters.push(limit + 1);
    return this.dataSource.query<CaseRow[]>(
      `SELECT id, state, case_version, version, kind, call_id, external_ref, title, level, pending_disclosures,
              created_at, updated_at
         FROM cases WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC, id DESC LIMIT $${parameters.length}`,
      parameters,
    );
  }

  async taskSource(tenantId: string, caseId: string): Promise<CaseTaskRow | null> {
    const rows: CaseTaskRow[] = await this.dataSource.query(`SELECT state, case_version, version, workflow FROM cases WHERE tenant_id = $1 AND id = $2`, [tenantId, caseId]);
    return rows[0] ?? null;
  }

  /** Cases in the given states after the keyset position, oldest first. */
  async taskSources(tenantId: string, states: readonly string[], after: { createdAt: string; id: string }, limit: number): Promise<CaseTaskListRow[]> {
    return this.dataSource.query<CaseTaskListRow[]>(
      `SELECT id, external_ref, title, state, level, version, case_version, workflow, created_at
         FROM cases
        WHERE tenant_id = $1 AND state = ANY($2::text[]) AND (created_at, id) > ($3::timestamptz, $4::uuid)
        ORDER BY created_at, id LIMIT $5`,
      [tenantId, states, after.createdAt, after.id, limit],
    );
  }

  async letterSource(tenantId: string, caseId: string): Promise<LetterCaseRow | null> {
    const rows = await this.dataSource.query<LetterCaseRow[]>(
      `SELECT id, state, case_version, version, kind, call_id, external_ref, title, workflow FROM cases WHERE tenant_id = $1 AND id = $2`,
      [tenantId, caseId],
    );
    return rows[0] ?? null;
  }

  async escalationPackageSource(tenantId: string, caseId: string): Promise<EscalationPackageSource | null> {
    const rows: EscalationPackageSource[] = await this.dataSource.query(
      `SELECT c.content, c.workflow,
              (SELECT a.findings FROM assessments a WHERE a.case_id = c.id AND a.case_version = c.case_version ORDER BY a.sequence DESC LIMIT 1) AS findings
         FROM cases c WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, caseId],
    );
    return rows[0] ?? null;
  }

  /** The ids of the tenant's cases in the given states, in id order (monitoring plans its batches on them). */
  async idsInStates(tenantId: string, states: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM cases WHERE tenant_id = $1 AND state = ANY($2::text[]) ORDER BY id`, [tenantId, states]);
    return rows.map((row) => row.id);
  }

  async monitored(tenantId: string, caseIds: readonly string[]): Promise<MonitoredCase[]> {
    return this.dataSource.query<MonitoredCase[]>(
      `SELECT id, state, case_version, call_id, content, disclosures, adjudications FROM cases WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, caseIds],
    );
  }
}
