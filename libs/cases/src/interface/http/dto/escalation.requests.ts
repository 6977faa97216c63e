import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ADVICE_RECOMMENDATIONS, ESCALATION_TARGETS, MEASURE_STRENGTHS, type AdviceRecommendation, type EscalationTarget, type MeasureStrength } from '../../../domain/case-workflow';
import { NestedDto } from '@ajar/http';

export class EscalationRequest {
  /** Who is asked; the engine's escalation recommendation (`workflow.screening.escalationRecommendation`) names the usual ones. */
  @IsIn(ESCALATION_TARGETS)
  target!: EscalationTarget;

  @IsString()
  @Length(1, 4000)
  question!: string;

  /** For `national_advisor`: the registered advisory body's tenant id (optional when only one is registered). */
  @IsOptional()
  @IsUUID()
  advisorTenantId?: string;
}

export class EscalationWithdrawalRequest {
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class AdviceRequest {
  @IsIn(ADVICE_RECOMMENDATIONS)
  recommendation!: AdviceRecommendation;

  @IsString()
  @Length(1, 8000)
  advice!: string;
}

export class ListEscalationsRequest {
  @ApiPropertyOptional({ enum: ['open', 'answered', 'withdrawn'] })
  @IsOptional()
  @IsIn(['open', 'answered', 'withdrawn'])
  status?: 'open' | 'answered' | 'withdrawn';

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class InformationRequestRequest {
  @IsString()
  @Length(1, 4000)
  question!: string;
}

export class InformationResponseRequest {
  @IsString()
  @Length(1, 8000)
  response!: string;
}

export class MeasureRequest {
  /** A catalogue id, MIT-01 … MIT-15 (RULES §5). */
  @Matches(/^MIT-\d{2}$/, { message: 'measure must be a catalogue id such as MIT-07' })
  measure!: string;

  @IsIn(MEASURE_STRENGTHS)
  strength!: MeasureStrength;

  /** A role or team that carries it out ("PI", "research office") — not a person's name. */
  @IsString()
  @Length(1, 200)
  owner!: string;

  /** Days from the plan's agreement; fractions allowed. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.00001)
  @Max(730)
  dueInDays!: number;

  @IsString()
  @Length(1, 2000)
  evidenceExpected!: string;

  /** MIT-15 only, and then required: the export-control or contractual basis (RS-F-005). */
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  legalBasis?: string;
}

export class MitigationPlanRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(15)
  @NestedDto(() => MeasureRequest, { each: true })
  measures!: MeasureRequest[];
}

export class MitigationAgreementRequest {
  /** The plan the applicant read and agrees to. */
  @IsUUID()
  planId!: string;
}

export class DocumentReferenceRequest {
  /** Where the document is kept (a DMS id or URI); Ajar stores the reference, not the file. */
  @IsString()
  @Length(1, 500)
  reference!: string;

  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex characters' })
  sha256!: string;
}

export class MeasureCompletionRequest {
  @IsString()
  @Length(1, 8000)
  evidence!: string;

  @IsOptional()
  @NestedDto(() => DocumentReferenceRequest)
  document?: DocumentReferenceRequest;
}
