import type { EscalationTarget } from './assessment';
import type {
  Effect,
  MatrixCounterpartyLevel,
  MatrixRiskLevel,
  ResearchLevel,
  Route,
  Severity,
} from './levels';

/** Jurisdiction or funder packs; `ALL` rules always run. Packs only add rules. */
export const PACK_IDS = ['CA-STRAC', 'US-FEDERAL', 'US-DOD'] as const;
export type PackId = (typeof PACK_IDS)[number];

export interface RuleOverride {
  readonly enabled?: boolean;
  readonly severity?: Severity;
  readonly effect?: Effect;
  /** Overrides of named thresholds, applied to this rule only. */
  readonly thresholds?: Readonly<Partial<Record<ThresholdName, number>>>;
}

export interface Thresholds {
  /** RS-L-007: score at or above which a list result is a candidate (yente default 0.70). */
  readonly matchCandidate: number;
  /** RS-L-007: lower bound of the review band, used only when R ≥ reviewBandMinResearch. */
  readonly reviewBandLower: number;
  /** RS-D-003: in-kind value that must be itemised (USD). */
  readonly inKindValue: number;
  /** RS-D-004: person-months per year across all commitments. */
  readonly maxPersonMonthsPerYear: number;
  /** RS-D-008: days to report a change of circumstances. */
  readonly changeOfCircumstancesDays: number;
  /** RS-L-008: ownership share from which an owner is screened. */
  readonly ownershipPercent: number;
  /** RS-C-004: MFTRP certification must be renewed within this many days. */
  readonly certificationValidityDays: number;
}
export type ThresholdName = keyof Thresholds;

export type Matrix = Readonly<Record<ResearchLevel, Readonly<Record<MatrixCounterpartyLevel, MatrixRiskLevel>>>>;

/** A country signal on organisations/funders declared by a pack with its legal basis (RS-F-002). */
export interface CountryContextEntry {
  readonly country: string;
  readonly legalBasis: string;
  /** Counterparty contribution; at most C2 so that country alone stays ≤ medium. */
  readonly counterparty: 'C1' | 'C2';
}

export interface AttestationRequirement {
  readonly type: string;
  readonly statementVersion?: string;
  /** `ALL` or the pack that requires it. */
  readonly pack: PackId | 'ALL';
  /** One per named person (by `signedBy`) or one per case. */
  readonly perPerson: boolean;
  /** Only when the research aims to advance a sensitive technology research area (CA-STRAC). */
  readonly appliesWhen?: 'aims_to_advance_stra';
}

export interface AppraisalPolicy {
  readonly packs: readonly PackId[];
  readonly rules: Readonly<Record<string, RuleOverride>>;
  readonly thresholds: Thresholds;
  /** RS-L-007 review band applies from this research level. */
  readonly reviewBandMinResearch: ResearchLevel;
  readonly matrix: Matrix;
  /** Levels raised per integrity modifier (RULES §4.4: I+1 one level, I+2 two). */
  readonly integritySteps: Readonly<{ 'I+1': number; 'I+2': number }>;
  /** Route per matrix level; `blocked` always routes `not_eligible`. */
  readonly routing: Readonly<Record<MatrixRiskLevel, Exclude<Route, 'not_eligible'>>>;
  readonly countryContext: {
    /** The highest level country context alone may produce (RS-F-002): `low` or `medium`. */
    readonly cap: 'low' | 'medium';
    readonly jurisdictions: readonly CountryContextEntry[];
  };
  /** Funder's or institution's country (an organisation's), for RS-D-009 and RS-E-005. */
  readonly homeCountry?: string;
  readonly keyDates: { readonly engagementContinuedAfter?: string };
  readonly requiredAttestations: readonly AttestationRequirement[];
  /** US-FEDERAL sponsor test (RS-C-003): organisation/funder countries with their legal basis. */
  readonly foreignCountriesOfConcern: { readonly countries: readonly string[]; readonly legalBasis: string };
  /** Funder-led review (RS-X-005) for levels at or above `high`. */
  readonly funderReview: boolean;
  /** Applicant response window before an adverse outcome is final (RS-F-004). */
  readonly responseWindowDays: number;
  /** How long an applicant may appeal a final adverse outcome (RS-F-004). */
  readonly appealWindowDays: number;
  /** How long an applicant has to answer a reviewer's information request. */
  readonly informationRequestDays: number;
  /** Due time of an escalation's answer, per target. */
  readonly slaDays: Readonly<Record<EscalationTarget, number>>;
}
