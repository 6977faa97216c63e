// Ordered scales. Order matters: combination and routing compare by position.
export const RESEARCH_LEVELS = ['R0', 'R1', 'R2', 'R3'] as const;
export type ResearchLevel = (typeof RESEARCH_LEVELS)[number];

export const COUNTERPARTY_LEVELS = ['C0', 'C1', 'C2', 'C3', 'C4'] as const;
export type CounterpartyLevel = (typeof COUNTERPARTY_LEVELS)[number];
/** C4 is fixed to `blocked` (legal); the policy matrix only covers C0..C3. */
export type MatrixCounterpartyLevel = Exclude<CounterpartyLevel, 'C4'>;
export const MATRIX_COUNTERPARTY_LEVELS: readonly MatrixCounterpartyLevel[] = ['C0', 'C1', 'C2', 'C3'];

export const INTEGRITY_MODIFIERS = ['I0', 'I+1', 'I+2'] as const;
export type IntegrityModifier = (typeof INTEGRITY_MODIFIERS)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'very_high', 'blocked'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
/** Levels a policy matrix may produce; `blocked` only comes from a confirmed legal C4. */
export type MatrixRiskLevel = Exclude<RiskLevel, 'blocked'>;
export const MATRIX_RISK_LEVELS: readonly MatrixRiskLevel[] = ['low', 'medium', 'high', 'very_high'];

export const ROUTES = ['auto_clear', 'review', 'escalate', 'not_eligible'] as const;
export type Route = (typeof ROUTES)[number];

export const SEVERITIES = ['S0', 'S1', 'S2', 'S3', 'S4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const EFFECTS = ['none', 'review', 'mitigate', 'escalate', 'ineligible'] as const;
export type Effect = (typeof EFFECTS)[number];

export const DIMENSIONS = ['knowledge_transfer', 'interference', 'ethics', 'integrity', 'legal'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LEVELS = ['low', 'medium', 'high'] as const;
export type DimensionLevel = (typeof DIMENSION_LEVELS)[number];

export function rankOf<T extends string>(scale: readonly T[], value: T): number {
  return scale.indexOf(value);
}

/** Highest value of `values` on `scale`, or `floor` when empty. */
export function highestOf<T extends string>(scale: readonly T[], values: readonly T[], floor: T): T {
  let best = floor;
  for (const value of values) {
    if (scale.indexOf(value) > scale.indexOf(best)) best = value;
  }
  return best;
}

/** Moves `value` by `steps` on `scale`, clamped to [min, max]. */
export function stepOn<T extends string>(scale: readonly T[], value: T, steps: number, min: T, max: T): T {
  const target = scale.indexOf(value) + steps;
  const clamped = Math.min(Math.max(target, scale.indexOf(min)), scale.indexOf(max));
  return scale[clamped] as T;
}

export function isOneOf<T extends string>(scale: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (scale as readonly string[]).includes(value);
}
