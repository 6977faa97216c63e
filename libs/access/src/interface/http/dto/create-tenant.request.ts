import { IsIn, IsString, Length } from 'class-validator';
import { TENANT_KINDS, TenantKind } from '../../../domain/roles';

export class CreateTenantRequest {
  /** Display name of the organisation. */
  @IsString()
  @Length(1, 200)
  name!: string;

  /** `funder`, `institution` or `advisory_body`. */
  @IsIn(TENANT_KINDS)
  kind!: TenantKind;
}
