import { ArrayMaxSize, IsArray, IsOptional, IsString, Length } from 'class-validator';
import { PartnerDto, PersonDto } from './case-submission.request';
import { DisclosureDto } from './disclosure.dto';
import { NestedDto } from '@ajar/http';

export class ReCertifiedDisclosureDto {
  /** A listed person's ref: the re-certified disclosure (e.g. with a new affiliation). */
  @IsString()
  @Length(1, 40)
  personRef!: string;

  @NestedDto(() => DisclosureDto)
  disclosure!: DisclosureDto;
}

/** RS-W-002/W-003: what changed on an approved case. At least one list is non-empty. */
export class ChangeOfCircumstancesRequest {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @NestedDto(() => PartnerDto, { each: true })
  partners?: PartnerDto[];

  /** New team members, each with an inline certified disclosure. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @NestedDto(() => PersonDto, { each: true })
  personnel?: PersonDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @NestedDto(() => ReCertifiedDisclosureDto, { each: true })
  disclosures?: ReCertifiedDisclosureDto[];
}
