import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { CASE_STATES, RISK_LEVELS } from '../../../domain/case-state';

export class ListCasesRequest {
  @IsOptional()
  @IsIn(CASE_STATES)
  state?: string;

  @IsOptional()
  @IsIn(RISK_LEVELS)
  level?: string;

  @IsOptional()
  @IsUUID()
  callId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalRef?: string;

  /** Page size, 1 to 100 (default 25). */
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
