import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { ApiProblems, Roles } from '@ajar/http';
import { ListReviewTasksQuery } from '../../application/queries/list-review-tasks.query';
import { ASSESSMENT_READERS } from './cases.controller';
import { ListReviewTasksRequest } from './dto/list-review-tasks.request';
import { ReviewTaskPageResponse } from './dto/case.responses';

/** The tenant's work queue across cases; `GET /v1/cases/{id}/review-tasks` gives one case's. */
@ApiTags('review and decision')
@Controller('v1/review-tasks')
export class ReviewTasksController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * Cases with work left, the longest waiting first, each with its tasks (list hits to adjudicate,
   * the RS-T-008 judgement, open questions, measures, approvals, appeals). Filter by `kind`,
   * `role` (tasks that role can do), `assignee` (an API key id) or `overdue`.
   */
  @Get()
  @Roles(...ASSESSMENT_READERS)
  @ApiOperation({ operationId: 'listReviewTasks' })
  @ApiProblems({ 400: ['REQUEST.INVALID_CURSOR'] })
  list(@Query() query: ListReviewTasksRequest, @TenantCaller() actor: TenantActor): Promise<ReviewTaskPageResponse> {
    const { limit, cursor, overdue, ...filters } = query;
    return this.queries.execute(
      new ListReviewTasksQuery(actor.tenantId, { ...filters, ...(overdue !== undefined ? { overdue: overdue === 'true' } : {}) }, limit ?? 25, cursor),
    );
  }
}
