import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { DECISION_OUTCOMES, DecisionOutcome, ForeseeableApplication } from '../../../domain/case-workflow';

export class ReviewAssignmentRequest {
  /** The API key id of the research-security officer who reviews the case. */
  @IsUUID()
  reviewerKeyId!: string;
}

export class SecurityJudgementRequest {
  /** RS-T-008: how foreseeable a security (military, surveillance, dual-use) application is. */
  @IsIn(['none', 'possible', 'likely'])
  foreseeableApplication!: ForeseeableApplication;

  @IsString()
  @Length(1, 4000)
  rationale!: string;
}

export class DecisionRequest {
  @IsIn(DECISION_OUTCOMES)
  outcome!: DecisionOutcome;

  /** Rule ids behind the decision (`RS-L-002`, …); required for adverse outcomes. */
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^RS-[A-Z]-\d{3}$/, { each: true, message: 'each reason code must be a rule id such as RS-L-002' })
  reasonCodes!: string[];

  @IsString()
  @Length(1, 8000)
  rationale!: string;

  /** Conditions the outcome carries (award conditions, measures to keep). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  conditions?: string[];
}

export class DecisionResponseRequest {
  /** The applicant's answer to the findings and the proposed adverse outcome. */
  @IsString()
  @Length(1, 8000)
  response!: string;
}

export class AppealRequest {
  @IsString()
  @Length(1, 8000)
  grounds!: string;
}

export class AppealDecisionRequest {
  @IsIn(['upheld', 'overturned'])
  result!: 'upheld' | 'overturned';

  @IsString()
  @Length(1, 8000)
  rationale!: string;
}
