import type { MitigationId } from '@ajar/appraisal';
import type { PendingListHit } from './case-list-hits';
import type { CaseState, RiskLevel } from './case-state';

/** What the latest screening of the current case version said, as review and decision need it. */
export interface ScreeningSummary {
  assessmentId: string;
  caseVersion: number;
  level: RiskLevel;
  route: 'auto_clear' | 'review' | 'escalate' | 'not_eligible';
  /** Research sensitivity R0–R3: R2 and above need the reviewer's RS-T-008 judgement. */
  research: string;
  ruleCodes: string[];
  escalationTargets: string[];
  /** The engine's routing per target (its X rule, the findings behind it); absent on old rows. */
  escalationRecommendation?: { target: string; rule: string; triggeredBy: string[] }[];
  /** List hits a person has yet to adjudicate; favourable decisions wait for them. Absent on old rows. */
  pendingListHits?: PendingListHit[];
}

export type ForeseeableApplication = 'none' | 'possible' | 'likely';

/** The reviewer's recorded judgement on foreseeable security application (RS-T-008). */
export interface SecurityJudgement {
  foreseeableApplication: ForeseeableApplication;
  rationale: string;
  by: string;
  at: string;
  caseVersion: number;
}

export const DECISION_OUTCOMES = ['proceed', 'proceed_with_mitigation', 'not_eligible', 'declined'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const ADVERSE_OUTCOMES: ReadonlySet<DecisionOutcome> = new Set(['not_eligible', 'declined']);

export interface DecisionRecord {
  id: string;
  caseVersion: number;
  assessmentId: string;
  outcome: DecisionOutcome;
  reasonCodes: string[];
  rationale: string;
  conditions: string[];
  /** The approver who proposed it, then the second approver (four-eyes) if one was needed. */
  approvers: string[];
  /** `awaiting_second_approval` → (`response_window` for an adverse outcome) → `final`. */
  status: 'awaiting_second_approval' | 'response_window' | 'final';
  proposedAt: string;
  recordedAt: string | null;
  responseDueAt: string | null;
  applicantResponse: { text: string; at: string; by: string } | null;
  finalAt: string | null;
  appealDueAt: string | null;
}

export interface AppealRecord {
  id: string;
  decisionId: string;
  grounds: string;
  lodgedBy: string;
  lodgedAt: string;
  status: 'open' | 'decided';
  result: 'upheld' | 'overturned' | null;
  decidedBy: string | null;
  rationale: string | null;
  decidedAt: string | null;
}

export const ESCALATION_TARGETS = ['ethics_committee', 'national_advisor', 'export_control', 'legal'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];
export const ADVICE_RECOMMENDATIONS = ['no_objection', 'proceed_with_conditions', 'do_not_proceed', 'no_view'] as const;
export type AdviceRecommendation = (typeof ADVICE_RECOMMENDATIONS)[number];

export interface Advice {
  recommendation: AdviceRecommendation;
  text: string;
  /** The API key id that answered, and its tenant (the advisory body's, for a national advisor). */
  by: string;
  byTenantId: string;
  at: string;
}

/** A question put to a committee, a national advisor, export control or legal (RS-X rules). */
export interface EscalationRecord {
  id: string;
  target: EscalationTarget;
  question: string;
  /** The advisory-body tenant that sees the minimised package; only for `national_advisor`. */
  advisorTenantId: string | null;
  /** The X rule and findings of the engine's recommendation that prompted it, if any. */
  recommendedBy: string | null;
  ruleCodes: string[];
  requestedBy: string;
  requestedAt: string;
  dueAt: string;
  status: 'open' | 'answered' | 'withdrawn';
  advice: Advice | null;
  overdueAt: string | null;
  closedAt: string | null;
}

/** A question to the applicant with a due date; the reviewer waits for the answer. */
export interface InformationRequest {
  id: string;
  question: string;
  requestedBy: string;
  requestedAt: string;
  dueAt: string;
  status: 'open' | 'answered' | 'withdrawn';
  response: { text: string; by: string; at: string } | null;
  overdueAt: string | null;
}

export const MEASURE_STRENGTHS = ['required', 'recommended', 'suggested'] as const;
export type MeasureStrength = (typeof MEASURE_STRENGTHS)[number];

export interface MeasureCompletion {
  evidence: string;
  /** A document held elsewhere (a DMS reference) and the SHA-256 of its bytes, hex. */
  document: { reference: string; sha256: string } | null;
  by: string;
  at: string;
}

/** One measure of a mitigation plan, from the catalogue (RULES §5). */
export interface MitigationMeasure {
  id: string;
  measure: MitigationId;
  strength: MeasureStrength;
  /** Who carries it out: a role or team ("PI", "research office"), not a person's name. */
  owner: string;
  /** Days after the plan is agreed; `dueAt` is set from it at agreement. */
  dueInDays: number;
  dueAt: string | null;
  evidenceExpected: string;
  /** MIT-15 only: the export-control or contractual basis (RS-F-005). */
  legalBasis: string | null;
  status: 'pending' | 'completed';
  completion: MeasureCompletion | null;
  overdueAt: string | null;
}

export interface MitigationPlan {
  id: string;
  caseVersion: number;
  status: 'proposed' | 'agreed';
  proposedBy: string;
  proposedAt: string;
  agreedBy: string | null;
  agreedAt: string | null;
  measures: MitigationMeasure[];
}

/** The risk left once the agreed measures are taken into account, from a re-appraisal. */
export interface ResidualRisk {
  assessmentId: string;
  planId: string;
  inherentLevel: RiskLevel;
  residualLevel: RiskLevel;
  /** Rule ids of the findings the agreed measures address, and of those they do not. */
  mitigatedRules: readonly string[];
  unmitigatedRules: readonly string[];
  /** Why the level moved or did not, in words (from the engine). */
  explanation: string;
}

export const SCREENING_FAILURE_CODES = [
  'SCREENING.POLICY_UNAVAILABLE',
  'SCREENING.INDEX_BUILD_FAILED',
  'SCREENING.ENGINE_FAILED',
  'SCREENING.FAILED',
] as const;
export type ScreeningFailureCode = (typeof SCREENING_FAILURE_CODES)[number];

/** Why the last screening of a case version gave up: for the rso who fixes the cause and retries. */
export interface ScreeningFailure {
  caseVersion: number;
  code: ScreeningFailureCode;
  /** One line, no stack trace. */
  message: string;
  /** The attempts made before it gave up. */
  attempts: number;
  failedAt: string;
}

/** The human half of a case: review, judgement, escalation, mitigation, decision and appeal. */
export interface CaseWorkflow {
  screening: ScreeningSummary | null;
  /** The API key id of the assigned reviewer. */
  reviewer: string | null;
  securityJudgement: SecurityJudgement | null;
  decision: DecisionRecord | null;
  /** Decisions overturned on appeal, oldest first: the record keeps them. */
  earlierDecisions: DecisionRecord[];
  appeal: AppealRecord | null;
  escalations: EscalationRecord[];
  informationRequests: InformationRequest[];
  mitigationPlan: MitigationPlan | null;
  residual: ResidualRisk | null;
  /** While an approved case is screened again after a change of circumstances: what it was. */
  rescreen: { returnTo: CaseState; previousRuleCodes: string[]; previousLevel: RiskLevel | null } | null;
  /** While the case is `screening_failed`: the failure; cleared when screening is asked again. */
  screeningFailure: ScreeningFailure | null;
}

export const EMPTY_WORKFLOW: CaseWorkflow = {
  escalations: [],
  informationRequests: [],
  mitigationPlan: null,
  residual: null,
  rescreen: null,
  screeningFailure: null,
  screening: null,
  reviewer: null,
  securityJudgement: null,
  decision: null,
  earlierDecisions: [],
  appeal: null,
};

/** A stored workflow: rows written before a workflow field existed read it as its empty value. */
export function storedWorkflow(stored: Partial<CaseWorkflow> | null | undefined): CaseWorkflow {
  return { ...EMPTY_WORKFLOW, ...stored };
}

/** The review state a workflow puts a screened case in: escalated, in mitigation, or in review. */
export function reviewState(workflow: CaseWorkflow): CaseState {
  if (workflow.escalations.some((escalation) => escalation.status === 'open')) return 'escalated';
  if (workflow.mitigationPlan !== null) return 'mitigation';
  return 'in_review';
}
