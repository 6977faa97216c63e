import { PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { CaseSubmissionRequest } from './case-submission.request';

/**
 * An amendment before a decision. Top-level fields present replace the current ones; absent
 * fields are kept. Every amendment is a new case version: disclosures and screening start again
 * (disclosures given inline with `personnel` count).
 */
// `null` is validated, not skipped: a required field of the case (`title`, `kind`) cannot be emptied by an amendment.
export class CaseAmendmentRequest extends PartialType(CaseSubmissionRequest, { skipNullProperties: false }) {
  /** Why the case is amended; kept in the timeline. */
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
