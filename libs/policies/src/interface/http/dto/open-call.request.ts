import { IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { NestedDto } from '@ajar/http';

export const POLICY_NAME = /^[a-z0-9][a-z0-9._-]{0,79}$/;

export class PolicyReferenceDto {
  @Matches(POLICY_NAME, { message: 'name must be a policy name: lower-case letters, digits, ".", "_", "-"' })
  name!: string;

  /** A published version; absent means the current one, fixed when the call opens. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class OpenCallRequest {
  @IsString()
  @Length(1, 300)
  title!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalRef?: string;

  @NestedDto(() => PolicyReferenceDto)
  policy!: PolicyReferenceDto;
}
