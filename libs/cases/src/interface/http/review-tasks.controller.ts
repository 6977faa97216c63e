import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { Roles } from '@ajar/http';
import { ListReviewTasksQuery, type ReviewTaskPage } from '../../application/queries/list-review-tasks.query';
import { ASSESSMENT_READERS } from './cases.controller';
import { ListReviewTasksRequest } from './dto/list-review-tasks.request';

/** The tenant's work queue across cases; `GET /v1/cases/{id}/review-tasks` gives one case's. */
@ApiTags('review and decision')
@ApiBearerAuth()
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
  list(@Query() query: ListReviewTasksRequest, @TenantCaller() actor: TenantActor): Promise<ReviewTaskPage> {
    const { limit, cursor, overdue, ...filters } = query;
    return this.queries.execute(
      new ListReviewTasksQuery(actor.tenantId, { ...filters, ...(overdue !== undefined ? { overdue: overdue === 'true' } : {}) }, limit ?? 25, cursor),
    );
  }
}
