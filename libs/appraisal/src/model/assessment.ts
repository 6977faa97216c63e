import type {
  CounterpartyLevel,
  Dimension,
  DimensionLevel,
  Effect,
  IntegrityModifier,
  ResearchLevel,
  RiskLevel,
  Route,
  Severity,
} from './levels';
import type { MitigationId } from './mitigations';
import type { ReferenceListVersion } from './reference';

/** JSON-safe evidence value: findings are stored and replayed as JSON (RS-F-009). */
export type EvidenceValue =
  | string
  | number
  | boolean
  | null
  | readonly EvidenceValue[]
  | { readonly [key: string]: EvidenceValue };
export type Evidence = { readonly [key: string]: EvidenceValue };

export interface Finding {
  /** Rule id, e.g. `RS-L-003`. */
  readonly rule: string;
  readonly ruleVersion: number;
  readonly severity: Severity;
  readonly effect: Effect;
  readonly dimension: Dimension;
  /** JSON pointer into the case snapshot, e.g. `/partners/0`; `` for the whole case. */
  readonly subject: string;
  readonly evidence: Evidence;
  readonly explanation: string;
  readonly mitigations: readonly MitigationId[];
}

export type EscalationTarget =
  | 'ethics_committee'
  | 'national_advisor'
  | 'export_control'
  | 'legal'
  | 'research_security_office';

export interface EscalationTargetRecommendation {
  readonly target: EscalationTarget;
  /** The X rule that routes it, e.g. `RS-X-003`. */
  readonly rule: string;
  /** Rule ids of the findings that triggered it. */
  readonly triggeredBy: readonly string[];
  /** What the package may contain (RS-F-008). */
  readonly payload: 'full_internal' | 'institution_level' | 'item_classification' | 'match_evidence';
  readonly personalData: boolean;
  readonly slaDays: number;
}

export interface EscalationRecommendation {
  readonly targets: readonly EscalationTargetRecommendation[];
}

export type DimensionLevels = Readonly<Record<Dimension, DimensionLevel>>;

/** What the engine computes; the worker adds id, caseId, sequence, policy and completedAt. */
export interface Assessment {
  readonly referenceLists: readonly ReferenceListVersion[];
  readonly research: ResearchLevel;
  readonly counterparty: CounterpartyLevel;
  readonly integrity: IntegrityModifier;
  readonly level: RiskLevel;
  readonly route: Route;
  readonly dimensions: DimensionLevels;
  readonly findings: readonly Finding[];
  readonly escalationRecommendation: EscalationRecommendation;
}
