import type { CaseSnapshot } from './case-snapshot';
import type { Evidence } from './assessment';
import type {
  CounterpartyLevel,
  Dimension,
  Effect,
  IntegrityModifier,
  ResearchLevel,
  Severity,
} from './levels';
import type { MitigationId } from './mitigations';
import type { AppraisalPolicy, PackId, Thresholds } from './policy';
import type { ScreeningResult } from '../screening/screening-result';

/** Evaluation order: later phases read the axes computed by earlier ones. */
export type RulePhase = 'research' | 'research_review' | 'counterparty' | 'integrity' | 'pack' | 'ethics';
export const RULE_PHASES: readonly RulePhase[] = ['research', 'research_review', 'counterparty', 'integrity', 'pack', 'ethics'];

/** Source confidence in RULES.md: a rule built on an [M] item is never S4. */
export type SourceConfidence = 'V' | 'P' | 'M';

export interface RuleContext {
  readonly snapshot: CaseSnapshot;
  readonly policy: AppraisalPolicy;
  /** Policy thresholds merged with this rule's overrides. */
  readonly thresholds: Thresholds;
  /** Research level after the `research` phase (R0 before it). */
  readonly research: ResearchLevel;
  readonly screening: ScreeningResult;
  /** Rule ids fired in earlier phases (e.g. RS-E-001 reads RS-T-009). */
  readonly fired: ReadonlySet<string>;
}

/** One firing of a rule, before policy overrides and guardrails are applied. */
export interface RuleHit {
  readonly subject: string;
  readonly severity: Severity;
  readonly effect: Effect;
  readonly evidence: Evidence;
  readonly explanation: string;
  readonly mitigations: readonly MitigationId[];
  readonly dimension?: Dimension;
  readonly research?: ResearchLevel;
  readonly counterparty?: CounterpartyLevel;
  readonly integrity?: IntegrityModifier;
  /** The hit rests on an organisation's country alone (RS-F-002 cap applies). */
  readonly countryContext?: boolean;
}

export interface RuleDefinition {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly pack: PackId | 'ALL';
  readonly phase: RulePhase;
  readonly dimension: Dimension;
  readonly confidence: SourceConfidence;
  /** Recorded legal or eligibility basis; required for an `ineligible` effect or S4. */
  readonly basis?: string;
  evaluate(context: RuleContext): readonly RuleHit[];
}
