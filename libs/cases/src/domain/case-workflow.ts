import type { RiskLevel } from './case-state';

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

/** The human half of a case: review, judgement, decision and appeal. Kept with the case. */
export interface CaseWorkflow {
  screening: ScreeningSummary | null;
  /** The API key id of the assigned reviewer. */
  reviewer: string | null;
  securityJudgement: SecurityJudgement | null;
  decision: DecisionRecord | null;
  /** Decisions overturned on appeal, oldest first: the record keeps them. */
  earlierDecisions: DecisionRecord[];
  appeal: AppealRecord | null;
}

export const EMPTY_WORKFLOW: CaseWorkflow = {
  screening: null,
  reviewer: null,
  securityJudgement: null,
  decision: null,
  earlierDecisions: [],
  appeal: null,
};
