// RS-C-008: R × C (+I) → level, with the RS-F-002 country cap and the RS-F-006 fast lane.
import {
  COUNTERPARTY_LEVELS,
  INTEGRITY_MODIFIERS,
  RESEARCH_LEVELS,
  RISK_LEVELS,
  rankOf,
  stepOn,
  type CounterpartyLevel,
  type IntegrityModifier,
  type ResearchLevel,
  type RiskLevel,
} from '../model/levels';
import type { AppraisalPolicy } from '../model/policy';

export interface Axes {
  readonly research: ResearchLevel;
  readonly counterparty: CounterpartyLevel;
  readonly integrity: IntegrityModifier;
}

export function matrixLevel(policy: AppraisalPolicy, axes: Axes): RiskLevel {
  // A confirmed C4 is always blocked; no matrix can change that.
  if (axes.counterparty === 'C4') return 'blocked';
  const base = policy.matrix[axes.research][axes.counterparty];
  const steps = axes.integrity === 'I0' ? 0 : policy.integritySteps[axes.integrity];
  return stepOn(RISK_LEVELS, base, steps, 'low', 'very_high');
}

/**
 * RS-F-002: country context alone never raises the level above the cap (medium by default).
 * `withoutCountry` is the level computed from every signal except country-context ones.
 */
export function capCountryContext(withCountry: RiskLevel, withoutCountry: RiskLevel, cap: 'low' | 'medium'): RiskLevel {
  if (rankOf(RISK_LEVELS, withCountry) <= rankOf(RISK_LEVELS, withoutCountry)) return withCountry;
  const ceiling = rankOf(RISK_LEVELS, withoutCountry) > rankOf(RISK_LEVELS, cap) ? withoutCountry : cap;
  return rankOf(RISK_LEVELS, withCountry) > rankOf(RISK_LEVELS, ceiling) ? ceiling : withCountry;
}

/** RS-F-006 proportionality fast lane: R0/R1 × C0/C1 × I0. */
export function inFastLane(axes: Axes): boolean {
  return (
    rankOf(RESEARCH_LEVELS, axes.research) <= rankOf(RESEARCH_LEVELS, 'R1') &&
    rankOf(COUNTERPARTY_LEVELS, axes.counterparty) <= rankOf(COUNTERPARTY_LEVELS, 'C1') &&
    axes.integrity === INTEGRITY_MODIFIERS[0]
  );
}
