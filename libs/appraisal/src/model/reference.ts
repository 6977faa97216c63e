import type { Severity } from './levels';

export type ListKind = 'sanctions' | 'export_control' | 'research_security' | 'watchlist';

/** Lists the law requires persons to be screened against (RULES §4.0). */
export const LEGAL_LIST_KINDS: readonly ListKind[] = ['sanctions', 'export_control'];

export type SubjectKind = 'organisation' | 'person';

export interface ReferenceQuery {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly country?: string;
  readonly identifiers?: { readonly ror?: string; readonly lei?: string; readonly registration?: string };
  readonly subjectKind: SubjectKind;
}

/** Advisory rating such as the ASPI tracker (RULES §9.5), modelled generically. */
export type AdvisoryRating = 'very_high' | 'high' | 'medium' | 'low';

/**
 * Per-feature explanation of a candidate (modelled on yente logic-v2):
 * `name`/`alias`/`weakAlias` scores in [0,1]; `identifier` names the identifier that matched
 * exactly (`lei` | `registration` | `ror`); `country` is `agree` | `mismatch` | `unknown`.
 */
export type MatchFeatures = Readonly<Record<string, number | string>>;

export interface ReferenceCandidate {
  readonly listId: string;
  readonly listVersion: number;
  readonly listKind: ListKind;
  readonly entryId: string;
  readonly matchedName: string;
  readonly score: number;
  readonly features: MatchFeatures;
  /** FollowTheMoney-style topics, e.g. `sanction`, `export.control`, `mil`, `gov.soe`, `debarment`. */
  readonly topics: readonly string[];
  readonly rating?: AdvisoryRating;
  /** The list entry's last change (RS-L-011 re-opening). */
  readonly lastChange?: string;
  /** List-level topic → severity hints, informational. */
  readonly topicSeverity?: Readonly<Record<string, Severity>>;
}

export interface ReferenceListVersion {
  readonly listId: string;
  readonly version: number;
}

/** The appraisal engine's only view of reference lists; implementations must be deterministic. */
export interface ReferenceIndex {
  lookup(query: ReferenceQuery): ReferenceCandidate[];
  versions(): ReferenceListVersion[];
}

// Topic vocabulary the list rules read (FtM topics plus two list-programme topics of our own).
export const TOPIC = {
  sanction: 'sanction',
  sanctionLinked: 'sanction.linked',
  exportControl: 'export.control',
  debarment: 'debarment',
  /** Denied party (e.g. DPL, ITAR-debarred): the law forbids the transaction. */
  exportDenied: 'export.denied',
  mil: 'mil',
  govSecurity: 'gov.security',
  govSoe: 'gov.soe',
  regAction: 'reg.action',
  poi: 'poi',
  /** US §1286 list of academic institutions (RS-L-004, RS-C-005). */
  defenceAcademic: 'defence.1286',
  /** US §1260H list of military companies (RS-L-004). */
  defenceCompany: 'defence.1260h',
} as const;
