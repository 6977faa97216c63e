import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { reviewTasks, type ReviewTask, type ReviewTaskKind } from '../../domain/case-review-tasks';
import { REVIEW_STATES, type CaseState, type RiskLevel } from '../../domain/case-state';
import { storedWorkflow } from '../../domain/case-workflow';
import { CaseQueryService, CaseTaskListRow } from '../../infrastructure/case.query-service';
import { decodeCursor, encodeCursor } from './case-cursor';

export interface ReviewTaskFilters {
  kind?: ReviewTaskKind;
  /** Tasks this role can do. */
  role?: string;
  /** Tasks assigned to this API key (the reviewer's judgement). */
  assignee?: string;
  overdue?: boolean;
}

export interface CaseReviewTasks {
  caseId: string;
  externalRef: string | null;
  title: string;
  state: CaseState;
  level: RiskLevel | null;
  version: number;
  createdAt: string;
  tasks: ReviewTask[];
}

export interface ReviewTaskPage {
  items: CaseReviewTasks[];
  /** Pass as `cursor` for the next page; null once every case has been looked at. */
  nextCursor: string | null;
}

export class ListReviewTasksQuery extends Query<ReviewTaskPage> {
  constructor(
    readonly tenantId: string,
    readonly filters: ReviewTaskFilters,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

// Cases with people's work left: in review, decided with a response window or an appeal open, or
// waiting for someone to screen them again.
const STATES_WITH_TASKS = [...REVIEW_STATES, 'decided', 'screening_failed'];
/** Cases read per request at most: a page may hold fewer items than asked, with a cursor to go on. */
const SCAN_LIMIT = 500;

/**
 * The tenant's work queue: every case with tasks left, oldest first (the longest waiting on top),
 * each with its tasks, filtered by kind, role, assignee or overdue.
 */
@QueryHandler(ListReviewTasksQuery)
export class ListReviewTasksHandler implements IQueryHandler<ListReviewTasksQuery, ReviewTaskPage> {
  constructor(private readonly cases: CaseQueryService) {}

  async execute(query: ListReviewTasksQuery): Promise<ReviewTaskPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : { createdAt: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
    const rows = await this.cases.taskSources(query.tenantId, STATES_WITH_TASKS, after, SCAN_LIMIT);
    const now = new Date();
    const items: CaseReviewTasks[] = [];
    let last: CaseTaskListRow | undefined;
    for (const row of rows) {
      if (items.length === query.limit) break;
      last = row;
      const tasks = reviewTasks({ state: row.state, caseVersion: row.case_version, workflow: storedWorkflow(row.workflow) }, now).filter((task) => matches(task, query.filters));
      if (tasks.length === 0) continue;
      items.push({
        caseId: row.id,
        externalRef: row.external_ref,
        title: row.title,
        state: row.state,
        level: row.level,
        version: row.version,
        createdAt: row.created_at.toISOString(),
        tasks,
      });
    }
    const more = last !== undefined && (last !== rows[rows.length - 1] || rows.length === SCAN_LIMIT);
    return { items, nextCursor: more && last ? encodeCursor(last) : null };
  }
}

function matches(task: ReviewTask, filters: ReviewTaskFilters): boolean {
  if (filters.kind !== undefined && task.kind !== filters.kind) return false;
  if (filters.role !== undefined && !task.roles.includes(filters.role)) return false;
  if (filters.assignee !== undefined && task.assignee !== filters.assignee) return false;
  if (filters.overdue !== undefined && task.overdue !== filters.overdue) return false;
  return true;
}
