import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ActorDirectory } from '@ajar/access';
import { ruleTitle } from '@ajar/appraisal';
import { EventHistory } from '@ajar/event-store';
import { CaseNotFound } from '../../domain/case.errors';
import type { CaseState } from '../../domain/case-state';
import {
  AdviceRecommendation,
  CaseWorkflow,
  DecisionOutcome,
  DecisionRecord,
  storedWorkflow,
  EscalationTarget,
  ForeseeableApplication,
  MeasureStrength,
} from '../../domain/case-workflow';
import { DECISION_HISTORY_EVENTS, decisionHistoryNeeded, decisionInForce, earlierDecisionEnds, type DecisionHistoryEvent, type DecisionInForce, type EarlierDecisionEnd } from '../../domain/decision-in-force';
import { AssessmentQueryService } from '../../infrastructure/assessment.query-service';
import { CaseQueryService, type LetterCaseRow } from '../../infrastructure/case.query-service';
import { DecisionNotRecorded } from '../decision-letter.errors';

export { earlierDecisionEnds };
export type { EarlierDecisionEnd };

/** An API key named in the record: its id, and its name within the tenant (null if unknown). */
export interface LetterPerson {
  keyId: string;
  name: string | null;
}

/** One finding behind a reason: the evidence reference (finding id, subject pointer) and why. */
export interface LetterFinding {
  id: string | null;
  subject: string;
  severity: string;
  ruleVersion: number;
  explanation: string;
}

export interface LetterReason {
  code: string;
  /** The rule's title; null for a code the engine does not know. */
  title: string | null;
  /** The versions of the rule that produced the findings cited (RS-F-009). */
  ruleVersions: number[];
  /** The findings of this rule in the assessment the decision used. */
  findings: LetterFinding[];
}

/**
 * The decision record of a case (RULES §6 "Decision record (minimum)"): outcome, reasons with
 * their findings, measures with strength, approvers and reviewer, dates, the applicant's response,
 * the appeal window and appeal, earlier decisions and how they ended, and the versions of the policy,
 * rules and reference lists in force.
 */
export interface DecisionLetter {
  case: {
    id: string;
    title: string;
    kind: string;
    callId: string | null;
    externalRef: string | null;
    state: CaseState;
    /** The case's amendment number now; the decision's own is `decision.caseVersion`. */
    caseVersion: number;
    /** The stream version (the case's ETag). */
    version: number;
  };
  decision: {
    /** Null for the system's fast-lane decision, which has no decision record of its own. */
    id: string | null;
    decidedBy: 'system' | 'approvers';
    outcome: DecisionOutcome;
    /** `response_window` (adverse, not final yet) or `final`. */
    status: 'response_window' | 'final';
    caseVersion: number;
    assessmentId: string;
    rationale: string;
    conditions: string[];
    proposedAt: string;
    recordedAt: string;
    finalAt: string | null;
    responseDueAt: string | null;
    appealDueAt: string | null;
  };
  reasons: LetterReason[];
  /** The proposer, then the second approver (four-eyes) if one was needed; empty for the system. */
  approvers: (LetterPerson & { role: 'proposer' | 'second_approver' })[];
  reviewer: LetterPerson | null;
  /** The reviewer's RS-T-008 judgement, when one was recorded for the decided case version. */
  securityJudgement: { foreseeableApplication: ForeseeableApplication; rationale: string; at: string; by: LetterPerson } | null;
  /** The applicant's answer within the response window (their own words). */
  applicantResponse: { at: string; text: string } | null;
  appeal: { status: 'open' | 'decided'; result: 'upheld' | 'overturned' | null; lodgedAt: string; decidedAt: string | null } | null;
  /** Earlier decisions, oldest first: overturned on appeal, or set aside when review re-opened. */
  earlierDecisions: {
    id: string;
    outcome: DecisionOutcome;
    reasonCodes: string[];
    caseVersion: number;
    recordedAt: string | null;
    finalAt: string | null;
    approvers: LetterPerson[];
    /** How it stopped being the decision in force, and when; null if the record does not say. */
    ended: EarlierDecisionEnd | null;
  }[];
  mitigation: {
    planId: string;
    status: 'proposed' | 'agreed';
    agreedAt: string | null;
    measures: { measure: string; strength: MeasureStrength; owner: string; dueAt: string | null; status: 'pending' | 'completed'; completedAt: string | null }[];
  } | null;
  residual: {
    assessmentId: string;
    inherentLevel: string;
    residualLevel: string;
    mitigatedRules: string[];
    unmitigatedRules: string[];
    /** Why the level moved or did not (absent on older records). */
    explanation: string | null;
  } | null;
  escalations: {
    target: EscalationTarget;
    status: 'open' | 'answered' | 'withdrawn';
    requestedAt: string;
    dueAt: string;
    advice: { recommendation: AdviceRecommendation; at: string } | null;
  }[];
  /** The assessment the decision used: policy, rule and list versions in force. Null if missing. */
  basis: {
    assessmentId: string;
    level: string;
    route: string;
    research: string;
    completedAt: string;
    policy: { name: string; version: number };
    ruleVersions: { rule: string; version: number }[];
    referenceLists: { listId: string; version: number }[];
  } | null;
  generatedAt: string;
}

export class GetDecisionLetterQuery extends Query<DecisionLetter> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
  ) {
    super();
  }
}

export interface StoredFinding {
  id?: string;
  rule: string;
  ruleVersion: number;
  severity: string;
  subject: string;
  explanation: string;
}

/** The decision a letter is about: the workflow's, or the fast lane's system decision. */
type LetterDecision = DecisionLetter['decision'] & {
  reasonCodes: string[];
  approverIds: string[];
  applicantResponse: DecisionRecord['applicantResponse'];
};

/**
 * A case's decision letter, always within the caller's tenant. A decision proposed and awaiting
 * its second approver, none at all, or one set aside (appeal, re-opened review) answer
 * `DECISION.NOT_RECORDED`.
 */
@QueryHandler(GetDecisionLetterQuery)
export class GetDecisionLetterHandler implements IQueryHandler<GetDecisionLetterQuery, DecisionLetter> {
  constructor(
    private readonly cases: CaseQueryService,
    private readonly assessments: AssessmentQueryService,
    private readonly history: EventHistory,
    private readonly actors: ActorDirectory,
  ) {}

  async execute(query: GetDecisionLetterQuery): Promise<DecisionLetter> {
    const row = await this.cases.letterSource(query.tenantId, query.caseId);
    if (!row) throw new CaseNotFound(query.caseId);
    const workflow: CaseWorkflow = storedWorkflow(row.workflow);
    const events: DecisionHistoryEvent[] = decisionHistoryNeeded(workflow) ? await this.history.ofTypes(query.tenantId, query.caseId, DECISION_HISTORY_EVENTS) : [];
    const decision = letterDecision(row, decisionInForce(row.state, workflow, events));

    const assessment = await this.assessments.byId(query.tenantId, query.caseId, decision.assessmentId);
    const names = await this.actors.keyNames(query.tenantId, [
      ...decision.approverIds,
      ...workflow.earlierDecisions.flatMap((earlier) => earlier.approvers),
      ...(workflow.reviewer ? [workflow.reviewer] : []),
      ...(workflow.securityJudgement ? [workflow.securityJudgement.by] : []),
    ]);
    const person = (keyId: string): LetterPerson => ({ keyId, name: names.get(keyId) ?? null });
    // Findings as the engine stored them (the column is typed loosely).
    const findings = (assessment?.findings ?? []) as StoredFinding[];
    const ends = earlierDecisionEnds(workflow.earlierDecisions, events);
    const judgement = workflow.securityJudgement;
    const plan = workflow.mitigationPlan;
    const appeal = workflow.appeal && workflow.appeal.decisionId === decision.id ? workflow.appeal : null;
    const { approverIds, applicantResponse, reasonCodes, ...decided } = decision;

    return {
      case: {
        id: row.id,
        title: row.title,
        kind: row.kind,
        callId: row.call_id,
        externalRef: row.external_ref,
        state: row.state,
        caseVersion: row.case_version,
        version: row.version,
      },
      decision: decided,
      reasons: reasonsOf(reasonCodes, findings),
      approvers: approverIds.map((keyId, index) => ({ ...person(keyId), role: index === 0 ? 'proposer' : 'second_approver' })),
      reviewer: workflow.reviewer ? person(workflow.reviewer) : null,
      securityJudgement:
        judgement && judgement.caseVersion === decided.caseVersion
          ? { foreseeableApplication: judgement.foreseeableApplication, rationale: judgement.rationale, at: judgement.at, by: person(judgement.by) }
          : null,
      applicantResponse: applicantResponse ? { at: applicantResponse.at, text: applicantResponse.text } : null,
      appeal: appeal ? { status: appeal.status, result: appeal.result, lodgedAt: appeal.lodgedAt, decidedAt: appeal.decidedAt } : null,
      earlierDecisions: workflow.earlierDecisions.map((earlier, index) => ({
        id: earlier.id,
        outcome: earlier.outcome,
        reasonCodes: earlier.reasonCodes,
        caseVersion: earlier.caseVersion,
        recordedAt: earlier.recordedAt,
        finalAt: earlier.finalAt,
        approvers: earlier.approvers.map(person),
        ended: ends[index],
      })),
      mitigation: plan
        ? {
            planId: plan.id,
            status: plan.status,
            agreedAt: plan.agreedAt,
            measures: plan.measures.map((measure) => ({
              measure: measure.measure,
              strength: measure.strength,
              owner: measure.owner,
              dueAt: measure.dueAt,
              status: measure.status,
              completedAt: measure.completion?.at ?? null,
            })),
          }
        : null,
      residual: workflow.residual
        ? {
            assessmentId: workflow.residual.assessmentId,
            inherentLevel: workflow.residual.inherentLevel,
            residualLevel: workflow.residual.residualLevel,
            mitigatedRules: [...workflow.residual.mitigatedRules],
            unmitigatedRules: [...workflow.residual.unmitigatedRules],
            explanation: (workflow.residual as { explanation?: string }).explanation ?? null,
          }
        : null,
      escalations: workflow.escalations.map((escalation) => ({
        target: escalation.target,
        status: escalation.status,
        requestedAt: escalation.requestedAt,
        dueAt: escalation.dueAt,
        advice: escalation.advice ? { recommendation: escalation.advice.recommendation, at: escalation.advice.at } : null,
      })),
      basis: assessment
        ? {
            assessmentId: assessment.id,
            level: assessment.level,
            route: assessment.route,
            research: assessment.research,
            completedAt: assessment.completedAt.toISOString(),
            policy: { name: assessment.policyName, version: assessment.policyVersion },
            ruleVersions: ruleVersionsOf(findings),
            referenceLists: assessment.referenceLists,
          }
        : null,
      generatedAt: new Date().toISOString(),
    };
  }
}

/** The letter's view of the decision in force; a case without one has no letter. */
function letterDecision(row: LetterCaseRow, inForce: DecisionInForce): LetterDecision {
  if (inForce.decidedBy === null) throw new DecisionNotRecorded(row.id, inForce.why);
  if (inForce.decidedBy === 'approvers') {
    const decision = inForce.record;
    return {
      id: decision.id,
      decidedBy: 'approvers',
      outcome: decision.outcome,
      status: decision.status,
      caseVersion: decision.caseVersion,
      assessmentId: decision.assessmentId,
      rationale: decision.rationale,
      conditions: decision.conditions,
      proposedAt: decision.proposedAt,
      recordedAt: decision.recordedAt,
      finalAt: decision.finalAt,
      responseDueAt: decision.responseDueAt,
      appealDueAt: decision.appealDueAt,
      reasonCodes: decision.reasonCodes,
      approverIds: decision.approvers,
      applicantResponse: decision.applicantResponse,
    };
  }
  return {
    id: null,
    decidedBy: 'system',
    outcome: inForce.outcome,
    status: 'final',
    caseVersion: inForce.caseVersion,
    assessmentId: inForce.assessmentId,
    rationale: inForce.rationale,
    conditions: [],
    proposedAt: inForce.at,
    recordedAt: inForce.at,
    finalAt: inForce.at,
    responseDueAt: null,
    appealDueAt: null,
    reasonCodes: inForce.reasonCodes,
    approverIds: [],
    applicantResponse: null,
  };
}

/** Each reason code with its title and the findings of that rule in the decision's assessment. */
export function reasonsOf(reasonCodes: string[], findings: StoredFinding[]): LetterReason[] {
  return reasonCodes.map((code) => {
    const cited = findings.filter((finding) => finding.rule === code);
    return {
      code,
      title: ruleTitle(code),
      ruleVersions: [...new Set(cited.map((finding) => finding.ruleVersion))].sort((a, b) => a - b),
      findings: cited.map((finding) => ({
        id: finding.id ?? null,
        subject: finding.subject,
        severity: finding.severity,
        ruleVersion: finding.ruleVersion,
        explanation: finding.explanation,
      })),
    };
  });
}

/** The distinct rule versions of an assessment's findings, by rule id. */
function ruleVersionsOf(findings: StoredFinding[]): { rule: string; version: number }[] {
  const seen = new Map<string, { rule: string; version: number }>();
  for (const finding of findings) seen.set(`${finding.rule}@${finding.ruleVersion}`, { rule: finding.rule, version: finding.ruleVersion });
  return [...seen.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.version - b.version);
}
