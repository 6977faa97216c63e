import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { CASE_STATES, CaseState, RISK_LEVELS, RiskLevel } from '../../../domain/case-state';
import { DECISION_OUTCOMES, DecisionOutcome, ESCALATION_TARGETS, EscalationTarget } from '../../../domain/case-workflow';
import { PageRequest } from './page.request';

/** Filters of `GET /v1/register` (JSON pages, or the whole register as CSV: then `limit` and `cursor` do not apply). */
export class ListRegisterRequest extends PageRequest {
  @ApiPropertyOptional({ enum: RISK_LEVELS })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  level?: RiskLevel;

  @ApiPropertyOptional({ enum: CASE_STATES })
  @IsOptional()
  @IsIn(CASE_STATES)
  state?: CaseState;

  @IsOptional()
  @IsUUID()
  callId?: string;

  /** Cases with an escalation (of any status) to this target. */
  @ApiPropertyOptional({ enum: ESCALATION_TARGETS })
  @IsOptional()
  @IsIn(ESCALATION_TARGETS)
  escalationTarget?: EscalationTarget;

  /** The outcome of the current decision, proposed or recorded. */
  @ApiPropertyOptional({ enum: DECISION_OUTCOMES })
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
  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
