import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { PartnerDto, PersonDto } from './case-submission.request';
import { DisclosureDto } from './disclosure.dto';

export class ReCertifiedDisclosureDto {
  /** A listed person's ref: the re-certified disclosure (e.g. with a new affiliation). */
  @IsString()
  @Length(1, 40)
  personRef!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => DisclosureDto)
  disclosure!: DisclosureDto;
}

/** RS-W-002/W-003: what changed on an approved case. At least one list is non-empty. */
export class ChangeOfCircumstancesRequest {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PartnerDto)
  partners?: PartnerDto[];

  /** New team members, each with an inline certified disclosure. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  personnel?: PersonDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ReCertifiedDisclosureDto)
  disclosures?: ReCertifiedDisclosureDto[];
}
