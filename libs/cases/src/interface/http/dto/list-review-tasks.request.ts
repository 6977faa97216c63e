import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ROLES } from '@ajar/kernel';
import { REVIEW_TASK_KINDS, type ReviewTaskKind } from '../../../domain/case-review-tasks';

/** Filters of `GET /v1/review-tasks`, the tenant's work queue. */
export class ListReviewTasksRequest {
  @IsOptional()
  @IsIn(REVIEW_TASK_KINDS)
  kind?: ReviewTaskKind;

  /** Tasks this role can do. */
  @IsOptional()
  @IsIn(ROLES)
  role?: (typeof ROLES)[number];

  /** Tasks assigned to this API key id (the reviewer's RS-T-008 judgement). */
  @IsOptional()
  @IsUUID()
  assignee?: string;

  /** `true` for tasks past their due time, `false` for the others. */
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  /** Cases per page, 1 to 100 (default 25). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
