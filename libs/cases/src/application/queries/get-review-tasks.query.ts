import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseNotFound } from '../../domain/case.errors';
import { reviewTasks, type ReviewTask } from '../../domain/case-review-tasks';
import type { CaseState } from '../../domain/case-state';
import { storedWorkflow, type CaseWorkflow } from '../../domain/case-workflow';

export interface ReviewTasksView {
  caseId: string;
  state: CaseState;
  caseVersion: number;
  /** The case's event-stream version, for `If-Match` on the command that does a task. */
  version: number;
  /** True while some task blocks the decision (for list hits: a favourable one). */
  decisionBlocked: boolean;
  items: ReviewTask[];
}

export class GetReviewTasksQuery extends Query<ReviewTasksView> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
  ) {
    super();
  }
}

@QueryHandler(GetReviewTasksQuery)
export class GetReviewTasksHandler implements IQueryHandler<GetReviewTasksQuery, ReviewTasksView> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: GetReviewTasksQuery): Promise<ReviewTasksView> {
    const rows: { state: CaseState; case_version: number; version: number; workflow: Partial<CaseWorkflow> | null }[] = await this.dataSource.query(
      `SELECT state, case_version, version, workflow FROM cases WHERE tenant_id = $1 AND id = $2`,
      [query.tenantId, query.caseId],
    );
    const row = rows[0];
    if (!row) throw new CaseNotFound(query.caseId);
    const items = reviewTasks({ state: row.state, caseVersion: row.case_version, workflow: storedWorkflow(row.workflow) }, new Date());
    return {
      caseId: query.caseId,
      state: row.state,
      caseVersion: row.case_version,
      version: row.version,
      decisionBlocked: items.some((item) => item.blocksDecision),
      items,
    };
  }
}
