import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CaseNotFound } from '../../domain/case.errors';
import { reviewTasks, type ReviewTask } from '../../domain/case-review-tasks';
import type { CaseState } from '../../domain/case-state';
import { storedWorkflow } from '../../domain/case-workflow';
import { CaseQueryService } from '../../infrastructure/case.query-service';

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
  constructor(private readonly cases: CaseQueryService) {}

  async execute(query: GetReviewTasksQuery): Promise<ReviewTasksView> {
    const row = await this.cases.taskSource(query.tenantId, query.caseId);
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
