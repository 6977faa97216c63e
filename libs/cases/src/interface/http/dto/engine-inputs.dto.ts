import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { IdentifiersDto } from './organisation.dto';
import { NestedDto, COUNTRY_CODE_DESCRIPTION, IsCountryCode } from '@ajar/http';

/** Due-diligence answers are `yes`, `no` or `unsure` (RULES.md P rules). */
export const ANSWERS = ['yes', 'no', 'unsure'] as const;

/** The country-neutral partner questionnaire (RULES.md RS-P-001…RS-P-009). */
export class PartnerDueDiligenceDto {
  /** RS-P-001: legal name, registration, address and web presence verified. */
  @IsOptional() @IsIn(ANSWERS) identityVerified?: string;
  /** RS-P-002: military, defence, security, intelligence or policing mission or affiliation. */
  @IsOptional() @IsIn(ANSWERS) militaryOrSecurityAffiliation?: string;
  /** RS-P-003: state ownership, control or legal compellability. */
  @IsOptional() @IsIn(ANSWERS) stateControlOrCompellability?: string;
  /** RS-P-004: source of funds disclosed. */
  @IsOptional() @IsIn(ANSWERS) sourceOfFundsDisclosed?: string;
  /** RS-P-004: end user disclosed. */
  @IsOptional() @IsIn(ANSWERS) endUserDisclosed?: string;
  /** RS-P-006: charges, convictions or regulator actions for fraud, bribery, espionage, corruption. */
  @IsOptional() @IsIn(ANSWERS) integrityRecord?: string;
  /** RS-P-007: access requested beyond what the project needs. */
  @IsOptional() @IsIn(ANSWERS) accessBeyondScope?: string;
  /** RS-P-008 red flags in how the partner approached. */
  @IsOptional() @IsIn(ANSWERS) coldApproach?: string;
  @IsOptional() @IsIn(ANSWERS) offerTooAttractive?: string;
  @IsOptional() @IsIn(ANSWERS) unusualConfidentiality?: string;
  @IsOptional() @IsIn(ANSWERS) unusualShipping?: string;
  /** RS-P-009: financial or technological dependence on the partner. */
  @IsOptional() @IsIn(ANSWERS) dependency?: string;
}

/** Agreement terms checklist (RS-P-005, RS-P-010, RS-P-011, RS-E-002). */
export class AgreementTermsDto {
  @IsOptional() @IsBoolean() mirrorLab?: boolean;
  @IsOptional() @IsBoolean() nonDisclosureOfParticipation?: boolean;
  @IsOptional() @IsBoolean() mandatoryRecruiting?: boolean;
  @IsOptional() @IsBoolean() omitAcknowledgement?: boolean;
  @IsOptional() @IsBoolean() nonTerminable?: boolean;
  @IsOptional() @IsBoolean() foreignStateIpCapture?: boolean;
  @IsOptional() @IsBoolean() publicationVeto?: boolean;
  @IsOptional() @IsBoolean() topicRestrictions?: boolean;
  /** Participants excluded by gender, ethnicity, religion or nationality without legitimate reason. */
  @IsOptional() @IsBoolean() discriminatoryParticipation?: boolean;
}

export class PartnerAgreementDto {
  @IsOptional() @IsIn(['signed', 'draft', 'none', 'not_possible']) status?: string;
  @IsOptional() @IsBoolean() legalEffect?: boolean;
  @IsOptional() @IsIn(['clear', 'unclear', 'absent']) ipTerms?: string;
  @IsOptional() @IsBoolean() exitClause?: boolean;

  /** What the partner needs access to; `accessTo` beyond it is out of scope (RS-P-007). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(['data', 'facilities', 'networks', 'materials', 'personnel', 'funding'], { each: true })
  accessScope?: string[];

  @IsOptional() @NestedDto(() => AgreementTermsDto) terms?: AgreementTermsDto;
}

/** One link of a partner's ownership or control chain (RS-L-008). */
export class OwnershipLinkDto {
  @IsString() @Length(1, 300) name!: string;
  @IsOptional() @ApiPropertyOptional({ description: COUNTRY_CODE_DESCRIPTION, example: 'NL' }) @IsCountryCode() country?: string;
  @IsOptional() @NestedDto(() => IdentifiersDto) identifiers?: IdentifiersDto;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) percent?: number;
  @IsOptional() @IsBoolean() control?: boolean;
}

/** RULES §3 data sensitivity (RS-T-006, RS-E-005). */
export class DataSensitivityDto {
  @IsOptional() @IsBoolean() personalData?: boolean;
  @IsOptional() @IsBoolean() aggregateSensitive?: boolean;
  @IsOptional() @IsBoolean() geneticOrMedical?: boolean;
  @IsOptional() @IsBoolean() population?: boolean;
}

/** RS-E-004 researcher safety questionnaire. */
export class ResearcherSafetyDto {
  @IsOptional() @IsIn(ANSWERS) riskyFieldwork?: string;
  @IsOptional() @IsIn(ANSWERS) pressureOnResearchers?: string;
}

export class AttestationDto {
  /** e.g. `accuracy`, `MFTRP-not-party`, `STRAC-NRO`, `mirror-lab`, `source-of-funds`. */
  @IsString() @Length(1, 60) type!: string;
  @IsOptional() @IsString() @Length(1, 40) statementVersion?: string;
  /** The `ref` of the person who signed. */
  @IsOptional() @IsString() @Length(1, 40) signedBy?: string;
  @IsOptional() @IsISO8601({ strict: true }) signedAt?: string;
}
