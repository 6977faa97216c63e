import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { CaseNotFound } from '../../domain/case.errors';
import { AssessmentQueryService } from '../../infrastructure/assessment.query-service';
import { CaseQueryService } from '../../infrastructure/case.query-service';
import type { AssessmentOrmEntity } from '../../infrastructure/persistence/assessment.orm-entity';

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

function toView(row: AssessmentOrmEntity): AssessmentView {
  return {
    id: row.id,
    caseId: row.caseId,
    caseVersion: row.caseVersion,
    sequence: row.sequence,
    policy: { name: row.policyName, version: row.policyVersion },
    referenceLists: row.referenceLists,
    research: row.research,
    counterparty: row.counterparty,
    integrity: row.integrity,
    level: row.level,
    route: row.route,
    dimensions: row.dimensions,
    findings: row.findings,
    escalationRecommendation: row.escalationRecommendation,
    completedAt: row.completedAt.toISOString(),
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
  constructor(
    private readonly cases: CaseQueryService,
    private readonly assessments: AssessmentQueryService,
  ) {}

  async execute(query: GetAssessmentsQuery): Promise<AssessmentView[]> {
    if (!(await this.cases.exists(query.tenantId, query.caseId))) throw new CaseNotFound(query.caseId);
    const rows = await this.assessments.ofCase(query.tenantId, query.caseId, query.latestOnly);
    if (query.latestOnly && rows.length === 0) {
      throw new DomainError('ASSESSMENT.NOT_FOUND', `Case ${query.caseId} has no assessment yet.`, 'not_found');
    }
    return rows.map(toView);
  }
}
