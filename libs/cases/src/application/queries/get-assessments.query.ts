import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@ajar/kernel';
import { CaseNotFound } from '../../domain/case.errors';

export interface AssessmentView {
  id: string;
  caseId: string;
  caseVersion: number;
  sequence: number;
  policy: { name: string; version: number };
  referenceLists: { listId: string; version: number }[];
  research: string;
  counterparty: string;
  integrity: string;
  level: string;
  route: string;
  dimensions: Record<string, string>;
  findings: unknown[];
  escalationRecommendation: Record<string, unknown>;
  completedAt: string;
}

interface AssessmentRow {
  id: string;
  case_id: string;
  case_version: number;
  sequence: number;
  policy_name: string;
  policy_version: number;
  reference_lists: { listId: string; version: number }[];
  research: string;
  counterparty: string;
  integrity: string;
  level: string;
  route: string;
  dimensions: Record<string, string>;
  findings: unknown[];
  escalation_recommendation: Record<string, unknown>;
  completed_at: Date;
}

function toView(row: AssessmentRow): AssessmentView {
  return {
    id: row.id,
    caseId: row.case_id,
    caseVersion: row.case_version,
    sequence: row.sequence,
    policy: { name: row.policy_name, version: row.policy_version },
    referenceLists: row.reference_lists,
    research: row.research,
    counterparty: row.counterparty,
    integrity: row.integrity,
    level: row.level,
    route: row.route,
    dimensions: row.dimensions,
    findings: row.findings,
    escalationRecommendation: row.escalation_recommendation,
    completedAt: row.completed_at.toISOString(),
  };
}

/** A case's assessments, newest first; `latestOnly` for `…/assessments/latest`. */
export class GetAssessmentsQuery extends Query<AssessmentView[]> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly latestOnly: boolean,
  ) {
    super();
  }
}

@QueryHandler(GetAssessmentsQuery)
export class GetAssessmentsHandler implements IQueryHandler<GetAssessmentsQuery, AssessmentView[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: GetAssessmentsQuery): Promise<AssessmentView[]> {
    const cases: unknown[] = await this.dataSource.query(`SELECT 1 FROM cases WHERE tenant_id = $1 AND id = $2`, [query.tenantId, query.caseId]);
    if (cases.length === 0) throw new CaseNotFound(query.caseId);
    const rows: AssessmentRow[] = await this.dataSource.query(
      `SELECT * FROM assessments WHERE tenant_id = $1 AND case_id = $2 ORDER BY sequence DESC ${query.latestOnly ? 'LIMIT 1' : ''}`,
      [query.tenantId, query.caseId],
    );
    if (query.latestOnly && rows.length === 0) {
      throw new DomainError('ASSESSMENT.NOT_FOUND', `Case ${query.caseId} has no assessment yet.`, 'not_found');
    }
    return rows.map(toView);
  }
}
