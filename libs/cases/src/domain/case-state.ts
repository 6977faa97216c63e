export const CASE_STATES = [
  'submitted',
  'awaiting_disclosures',
  'screening',
  // The last attempt of a screening failed: nothing screens the case until someone asks again.
  'screening_failed',
  'in_review',
  'escalated',
  'mitigation',
  'decided',
  'cleared',
  'monitoring',
  'withdrawn',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States after which the case can no longer be amended: a decision (or the system's) exists. */
export const DECIDED_STATES: ReadonlySet<CaseState> = new Set(['decided', 'cleared', 'monitoring']);

/** States in which people review the case: escalate, ask, mitigate, decide. */
export const REVIEW_STATES: ReadonlySet<CaseState> = new Set(['in_review', 'escalated', 'mitigation']);

/** Research sensitivity at which the reviewer's RS-T-008 judgement is required before a decision. */
export const JUDGED_RESEARCH: ReadonlySet<string> = new Set(['R2', 'R3']);

/** Policy durations are days (fractions allowed). */
export const DAY_MS = 24 * 3_600_000;

/** States from which nothing but reading is possible. */
export const FINAL_STATES: ReadonlySet<CaseState> = new Set(['decided', 'cleared', 'monitoring', 'withdrawn']);

export const RISK_LEVELS = ['low', 'medium', 'high', 'very_high', 'blocked'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
