import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { CASE_STATES, CaseState, RISK_LEVELS, RiskLevel } from '../../../domain/case-state';
import { DECISION_OUTCOMES, DecisionOutcome, ESCALATION_TARGETS, EscalationTarget } from '../../../domain/case-workflow';

/** Filters of `GET /v1/register` (JSON pages, or the whole register as CSV). */
export class ListRegisterRequest {
  @IsOptional()
  @IsIn(RISK_LEVELS)
  level?: RiskLevel;

  @IsOptional()
  @IsIn(CASE_STATES)
  state?: CaseState;

  @IsOptional()
  @IsUUID()
  callId?: string;

  /** Cases with an escalation (of any status) to this target. */
  @IsOptional()
  @IsIn(ESCALATION_TARGETS)
  escalationTarget?: EscalationTarget;

  /** The outcome of the current decision, proposed or recorded. */
  @IsOptional()
  @IsIn(DECISION_OUTCOMES)
  outcome?: DecisionOutcome;

  /** Created at or after this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Created before this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  /** `csv` for the CSV export (same as `Accept: text/csv`). */
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  /** Page size of the JSON pages, 1 to 100 (default 25). Not with CSV: the export is the whole register. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** `nextCursor` of the previous JSON page. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
