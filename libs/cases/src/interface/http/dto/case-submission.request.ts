import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO4217CurrencyCode,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
} from 'class-validator';
import { DisclosureDto } from './disclosure.dto';
import {
  AttestationDto,
  DataSensitivityDto,
  OwnershipLinkDto,
  PartnerAgreementDto,
  PartnerDueDiligenceDto,
  ResearcherSafetyDto,
} from './engine-inputs.dto';
import { IdentifiersDto, OrganisationDto } from './organisation.dto';
import { NestedDto, COUNTRY_CODE_DESCRIPTION, IsCountryCode } from '@ajar/http';

export const CASE_LIMITS = { partners: 100, personnel: 200, fundingSources: 100, keywords: 50, technologyAreas: 50 } as const;

export class ExportControlDto {
  @IsBoolean()
  relevant!: boolean;

  /** e.g. Annex I categories or ECCNs. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  classifications?: string[];
}

export class SensitiveDataDto {
  @IsBoolean()
  personal!: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  other?: string[];
}

export class PartnerDto {
  @IsString()
  @Length(1, 300)
  name!: string;

  /** ISO 3166-1 alpha-2 country of the organisation (or XK, Kosovo). */
  @ApiProperty({ description: COUNTRY_CODE_DESCRIPTION, example: 'NL' })
  @IsCountryCode()
  country!: string;

  @IsIn(['university', 'company', 'government', 'military', 'nonprofit', 'other'])
  type!: string;

  @IsOptional()
  @NestedDto(() => IdentifiersDto)
  identifiers?: IdentifiersDto;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  role?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(['data', 'facilities', 'networks', 'materials', 'personnel', 'funding'], { each: true })
  accessTo?: string[];

  /** The country-neutral due-diligence questionnaire about this partner. */
  @IsOptional()
  @NestedDto(() => PartnerDueDiligenceDto)
  dueDiligence?: PartnerDueDiligenceDto;

  @IsOptional()
  @NestedDto(() => PartnerAgreementDto)
  agreement?: PartnerAgreementDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @NestedDto(() => OwnershipLinkDto, { each: true })
  ownershipChain?: OwnershipLinkDto[];
}

export class FundingSourceDto {
  @NestedDto(() => OrganisationDto)
  funder!: OrganisationDto;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  amount?: number;

  @IsOptional()
  @IsISO4217CurrencyCode()
  currency?: string;

  @IsIn(['grant', 'contract', 'in_kind'])
  kind!: string;
}

/**
 * A listed person. There is no nationality, citizenship, ethnicity or place of birth: Ajar is
 * country-agnostic and refuses such fields with an explanation.
 */
export class PersonDto {
  /** The integrator's reference for the person, unique within the case, e.g. `p1`. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'ref may hold 1 to 40 letters, digits, ".", "_" and "-"' })
  ref!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsIn(['pi', 'co_investigator', 'researcher', 'student', 'visitor'])
  role!: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, { message: 'orcid must look like 0000-0002-1825-0097' })
  orcid?: string;

  /** The person's certified disclosure, if filed with the submission. */
  @IsOptional()
  @NestedDto(() => DisclosureDto)
  disclosure?: DisclosureDto;
}

export class CaseSubmissionRequest {
  @IsIn(['funding_proposal', 'collaboration', 'hosting', 'other'])
  kind!: string;

  @IsOptional()
  @IsUUID()
  callId?: string;

  /** The integrator's own id for the case. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalRef?: string;

  @IsString()
  @Length(1, 500)
  title!: string;

  @IsOptional()
  @IsString()
  @Length(0, 20000)
  abstract?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CASE_LIMITS.keywords)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  keywords?: string[];

  @IsOptional()
  @IsIn(['fundamental', 'applied', 'experimental_development'])
  researchStage?: string;

  /** Technology areas from the taxonomy (RULES.md §4.1), e.g. `ai`, `quantum`. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CASE_LIMITS.technologyAreas)
  @Matches(/^[a-z0-9][a-z0-9_.-]{0,59}$/, { each: true, message: 'each technology area must be a lower-case taxonomy code' })
  technologyAreas?: string[];

  @IsOptional()
  @NestedDto(() => ExportControlDto)
  exportControl?: ExportControlDto;

  @IsOptional()
  @NestedDto(() => SensitiveDataDto)
  sensitiveData?: SensitiveDataDto;

  @IsOptional()
  @IsString()
  @Length(0, 5000)
  endUse?: string;

  @IsArray()
  @ArrayMaxSize(CASE_LIMITS.partners)
  @NestedDto(() => PartnerDto, { each: true })
  partners!: PartnerDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CASE_LIMITS.fundingSources)
  @NestedDto(() => FundingSourceDto, { each: true })
  fundingSources?: FundingSourceDto[];

  @IsArray()
  @ArrayMaxSize(CASE_LIMITS.personnel)
  @NestedDto(() => PersonDto, { each: true })
  personnel!: PersonDto[];

  /** The applicants declare that the work aims to advance a sensitive technology research area (STRAC). */
  @IsOptional()
  @IsBoolean()
  aimsToAdvanceSTRA?: boolean;

  @IsOptional()
  @IsIn(['open', 'restricted', 'undecided'])
  publicationIntent?: string;

  @IsOptional()
  @NestedDto(() => DataSensitivityDto)
  dataSensitivity?: DataSensitivityDto;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  criticalInfrastructureSector?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  criticalMinerals?: string[];

  /** Country of the applicant institution (an organisation, never a person). */
  @IsOptional()
  @ApiPropertyOptional({ description: COUNTRY_CODE_DESCRIPTION, example: 'NL' })
  @IsCountryCode()
  homeCountry?: string;

  /** Countries where the work is performed. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ApiPropertyOptional({ type: [String], description: `Each: ${COUNTRY_CODE_DESCRIPTION}`, example: ['NL', 'XK'] })
  @IsCountryCode({ each: true })
  placesOfPerformance?: string[];

  @IsOptional()
  @IsString()
  @Length(1, 5000)
  foreignComponentJustification?: string;

  @IsOptional()
  @NestedDto(() => ResearcherSafetyDto)
  safety?: ResearcherSafetyDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @NestedDto(() => AttestationDto, { each: true })
  attestations?: AttestationDto[];
}

export class WithdrawalRequest {
  /** Why the case is withdrawn; kept in the timeline. */
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
