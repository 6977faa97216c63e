import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { NestedDto, COUNTRY_CODE_DESCRIPTION, IsCountryCode } from '@ajar/http';

export class IdentifiersDto {
  /** Research Organization Registry id, e.g. `https://ror.org/05gq02987` or `05gq02987`. */
  @IsOptional()
  @IsString()
  @Matches(/^(https:\/\/ror\.org\/)?0[a-z0-9]{6}[0-9]{2}$/, { message: 'ror must be a ROR id such as 05gq02987' })
  ror?: string;

  /** Legal Entity Identifier (ISO 17442): 20 characters. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{18}[0-9]{2}$/, { message: 'lei must be a 20-character LEI' })
  lei?: string;

  /** Company or charity registration number. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  registration?: string;
}

export class OrganisationDto {
  @IsString()
  @Length(1, 300)
  name!: string;

  /** ISO 3166-1 alpha-2 country of the organisation (or XK, Kosovo) (never of a person). */
  @IsOptional()
  @ApiPropertyOptional({ description: COUNTRY_CODE_DESCRIPTION, example: 'NL' })
  @IsCountryCode()
  country?: string;

  @IsOptional()
  @NestedDto(() => IdentifiersDto)
  identifiers?: IdentifiersDto;
}
