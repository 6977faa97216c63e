import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { OrganisationDto } from './organisation.dto';
import { NestedDto } from '@ajar/http';

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class AffiliationDto {
  @NestedDto(() => OrganisationDto)
  organisation!: OrganisationDto;

  @IsIn(['employment', 'appointment', 'visiting', 'adjunct', 'honorary', 'advisory', 'board'])
  type!: string;

  @IsOptional()
  @IsBoolean()
  paid?: boolean;

  /** `YYYY-MM`. */
  @IsOptional()
  @Matches(YEAR_MONTH, { message: 'from must be YYYY-MM' })
  from?: string;

  /** `YYYY-MM`, or null while the affiliation lasts. */
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @Matches(YEAR_MONTH, { message: 'to must be YYYY-MM or null' })
  to?: string | null;

  /** Effort in person-months per year (RS-D-004). */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(12)
  effortPersonMonthsPerYear?: number;

  /** Recorded by the research office: the item was disclosed only after a query or past its due date. */
  @IsOptional()
  @IsBoolean()
  disclosedLate?: boolean;

  /** Recorded by the research office: the item was found, not disclosed by the person. */
  @IsOptional()
  @IsBoolean()
  foundUndisclosed?: boolean;
}

export class SupportSourceDto {
  @NestedDto(() => OrganisationDto)
  sponsor!: OrganisationDto;

  @IsIn(['current', 'pending'])
  status!: string;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  title?: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  amount?: number;

  @IsOptional()
  @IsISO4217CurrencyCode()
  currency?: string;

  @IsOptional()
  @IsBoolean()
  inKind?: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  awardNumber?: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  objectives?: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  placeOfPerformance?: string;

  /** Person-months per year committed to this support (RS-D-004). */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(12)
  personMonthsPerYear?: number;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  overlapStatement?: string;

  /** Recorded by the research office: the item was disclosed only after a query or past its due date. */
  @IsOptional()
  @IsBoolean()
  disclosedLate?: boolean;

  /** Recorded by the research office: the item was found, not disclosed by the person. */
  @IsOptional()
  @IsBoolean()
  foundUndisclosed?: boolean;
}

export class TalentProgrammeDto {
  @IsString()
  @Length(1, 300)
  name!: string;

  @IsOptional()
  @NestedDto(() => OrganisationDto)
  sponsor?: OrganisationDto;

  @IsIn(['active', 'ended', 'offered', 'declined'])
  status!: string;

  /** Contract features present: `f1`…`f9`, the CHIPS Act features (RULES.md §3). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsIn(['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9'], { each: true })
  features?: string[];

  /** Recorded by the research office: the item was disclosed only after a query or past its due date. */
  @IsOptional()
  @IsBoolean()
  disclosedLate?: boolean;

  /** Recorded by the research office: the item was found, not disclosed by the person. */
  @IsOptional()
  @IsBoolean()
  foundUndisclosed?: boolean;
}

/** A person's certified disclosure: affiliations, support and talent programmes. */
export class DisclosureDto {
  @IsArray()
  @ArrayMaxSize(100)
  @NestedDto(() => AffiliationDto, { each: true })
  affiliations!: AffiliationDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @NestedDto(() => SupportSourceDto, { each: true })
  supportSources?: SupportSourceDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @NestedDto(() => TalentProgrammeDto, { each: true })
  talentProgrammes?: TalentProgrammeDto[];

  /** The person certifies the disclosure is accurate and complete. Must be true. */
  @Equals(true, { message: 'certified must be true: a disclosure counts only once the person certifies it' })
  certified!: boolean;

  /** When the person certified it (ISO 8601). */
  @IsISO8601({ strict: true })
  certifiedAt!: string;
}

export class FileDisclosureRequest extends DisclosureDto {
  /** The `ref` of the listed person this disclosure belongs to. */
  @IsString()
  @Length(1, 40)
  personRef!: string;
}
