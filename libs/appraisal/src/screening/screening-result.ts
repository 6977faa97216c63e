import type { ReferenceCandidate, SubjectKind } from '../model/reference';

/** Which part of the case a screened name comes from. */
export type ScreenedRole = 'partner' | 'owner' | 'funder' | 'affiliation' | 'support_sponsor' | 'talent_sponsor' | 'person';

export interface ScreenedSubject {
  /** JSON pointer into the case snapshot. */
  readonly pointer: string;
  readonly kind: SubjectKind;
  readonly role: ScreenedRole;
  readonly name: string;
  readonly country?: string;
  /** For owners (RS-L-008). */
  readonly ownership?: { readonly percent?: number; readonly control: boolean; readonly partnerPointer: string };
}

/**
 * confirmed: adjudicated, or an exact strong identifier on a legal list (RULES §8.3);
 * pending: candidate awaiting adjudication; reopened: a cleared false positive whose entry changed;
 * review_band: below the candidate threshold but in the RS-L-007 band; suppressed: cleared (RS-L-011).
 */
export type HitStatus = 'confirmed' | 'pending' | 'reopened' | 'review_band' | 'suppressed';

export interface ScreeningHit {
  readonly subject: ScreenedSubject;
  readonly candidate: ReferenceCandidate;
  readonly status: HitStatus;
  readonly confirmedBy?: 'adjudication' | 'strong_identifier';
  /** Only a short/acronym alias matched: never auto-confirmed (RS-L-009). */
  readonly weakAliasOnly: boolean;
  /** Not among the previous screening's hits (RS-L-010); false when there was no previous screening. */
  readonly newSinceLastScreening: boolean;
}

export interface ScreeningResult {
  readonly subjects: readonly ScreenedSubject[];
  readonly hits: readonly ScreeningHit[];
}

export const EMPTY_SCREENING: ScreeningResult = { subjects: [], hits: [] };
