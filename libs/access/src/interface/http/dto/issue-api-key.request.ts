import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
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

  /**
   * Where notices for this key's roles are e-mailed (a functional mailbox is best: a decision
   * notice carries no personal data, but the address itself may be one). None without it.
   */
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail must be an e-mail address' })
  @MaxLength(254)
  contactEmail?: string;
}
