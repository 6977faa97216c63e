import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ROLES } from '@ajar/kernel';
import { REVIEW_TASK_KINDS, type ReviewTaskKind } from '../../../domain/case-review-tasks';
import { PageRequest } from './page.request';

/** Filters of `GET /v1/review-tasks`, the tenant's work queue. */
export class ListReviewTasksRequest extends PageRequest {
  @ApiPropertyOptional({ enum: REVIEW_TASK_KINDS })
  @IsOptional()
  @IsIn(REVIEW_TASK_KINDS)
  kind?: ReviewTaskKind;

  /** Tasks this role can do. */
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: (typeof ROLES)[number];

  /** Tasks assigned to this API key id (the reviewer's RS-T-008 judgement). */
  @IsOptional()
  @IsUUID()
  assignee?: string;

  /** `true` for tasks past their due time, `false` for the others. */
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
}
