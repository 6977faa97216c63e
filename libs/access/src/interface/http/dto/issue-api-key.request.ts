import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length } from 'class-validator';
import { Role, ROLES } from '../../../domain/roles';

export class IssueApiKeyRequest {
  /** What the key is for, e.g. "grant system integration". */
  @IsString()
  @Length(1, 100)
  name!: string;

  /** One or more of: admin, rso, approver, applicant, ethics_committee, national_advisor, auditor, integrator. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}
