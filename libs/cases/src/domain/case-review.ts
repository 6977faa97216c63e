import type { CaseEvent, CaseSnapshot, Decision } from './case-lifecycle';
import { type CaseState, JUDGED_RESEARCH, REVIEW_STATES, DAY_MS } from './case-state';
import { DecisionRefused, IllegalCaseTransition } from './case.errors';
import {
  ADVERSE_OUTCOMES,
  AppealRecord,
  CaseWorkflow,
  DecisionOutcome,
  DecisionRecord,
  ForeseeableApplication,
  reviewState,
  ScreeningSummary,
} from './case-workflow';

/**
 * The human half of the workflow, pure: review assignment, the reviewer's RS-T-008 judgement, the
 * decision with four-eyes (RS-F-004), the applicant's response window, finality and appeal. The
 * clock and ids come in as arguments; the application layer supplies them.
 */

const FOUR_EYES_LEVELS = new Set(['high', 'very_high', 'blocked']);

export { DecisionRefused };

function withWorkflow(current: CaseSnapshot, workflow: Partial<CaseWorkflow>, state: CaseState = current.state): CaseSnapshot {
  return { ...current, state, workflow: { ...current.workflow, ...workflow } };
}

function requireReviewable(current: CaseSnapshot, action: string): ScreeningSummary {
  if (!REVIEW_STATES.has(current.state)) throw new IllegalCaseTransition(action, current.state, 'the case is not in review');
  const screening = current.workflow.screening;
  if (!screening || screening.caseVersion !== current.caseVersion) {
    throw new IllegalCaseTransition(action, current.state, 'the current case version has no screening result yet');
  }
  return screening;
}

export function assignReviewer(current: CaseSnapshot, reviewerKeyId: string): Decision {
  requireReviewable(current, 'assign a reviewer to');
  if (current.workflow.decision?.status === 'awaiting_second_approval') {
    throw new IllegalCaseTransition('assign a reviewer to', current.state, 'a decision is awaiting its second approval');
  }
  return {
    events: [{ type: 'ReviewAssigned', payload: { caseVersion: current.caseVersion, reviewerKeyId, previousReviewerKeyId: current.workflow.reviewer } }],
    next: withWorkflow(current, { reviewer: reviewerKeyId }),
  };
}

/** RS-T-008: the assigned reviewer's judgement of foreseeable security application. */
export function judgeSecurityApplication(
  current: CaseSnapshot,
  judgement: { foreseeableApplication: ForeseeableApplication; rationale: string },
  by: string,
  now: Date,
): Decision {
  requireReviewable(current, 'record a security judgement on');
  if (current.workflow.reviewer === null) {
    throw new DecisionRefused('REVIEW.NO_REVIEWER', 'Assign a reviewer first: the judgement is the assigned reviewer\'s (RS-T-008).');
  }
  if (current.workflow.reviewer !== by) {
    throw new DecisionRefused('REVIEW.NOT_THE_REVIEWER', 'Only the assigned reviewer records the security judgement (RS-T-008).', 'forbidden');
  }
  const recorded = { ...judgement, by, at: now.toISOString(), caseVersion: current.caseVersion };
  return {
    events: [{ type: 'SecurityApplicationJudged', payload: { rule: 'RS-T-008', ...recorded } }],
    next: withWorkflow(current, { securityJudgement: recorded }),
  };
}

export interface DecisionTerms {
  decisionId: string;
  outcome: DecisionOutcome;
  reasonCodes: string[];
  rationale: string;
  conditions: string[];
}

export interface DecisionWindows {
  responseWindowDays: number;
  appealWindowDays: number;
}

/** Whether a decision needs a second, independent approver (RS-F-004 and high-risk cases). */
export function needsSecondApprover(outcome: DecisionOutcome, level: string): boolean {
  return ADVERSE_OUTCOMES.has(outcome) || FOUR_EYES_LEVELS.has(level);
}

function record(current: CaseSnapshot, decision: DecisionRecord, windows: DecisionWindows, now: Date, events: CaseEvent[]): Decision {
  const adverse = ADVERSE_OUTCOMES.has(decision.outcome);
  const recorded: DecisionRecord = adverse
    ? { ...decision, status: 'response_window', recordedAt: now.toISOString(), responseDueAt: new Date(now.getTime() + windows.responseWindowDays * DAY_MS).toISOString() }
    : { ...decision, status: 'final', recordedAt: now.toISOString(), finalAt: now.toISOString() };
  events.push({
    type: 'DecisionRecorded',
    payload: {
      caseVersion: current.caseVersion,
      decisionId: recorded.id,
      outcome: recorded.outcome,
      reasonCodes: recorded.reasonCodes,
      rationale: recorded.rationale,
      conditions: recorded.conditions,
      approvers: recorded.approvers,
      assessmentId: recorded.assessmentId,
      final: !adverse,
      responseDueAt: recorded.responseDueAt,
    },
  });
  // Approved cases enter monitoring; an adverse outcome waits for the applicant's response.
  return { events, next: withWorkflow(current, { decision: recorded }, adverse ? 'decided' : 'monitoring') };
}

/**
 * An approver decides. Refused while the case is not in review, for a case version without a
 * screening, without the RS-T-008 judgement at R2 and above, `not_eligible` without a rule that
 * proposed it (only a recorded basis makes a case ineligible), and `proceed` on a blocked case.
 * Adverse outcomes and high-risk cases wait for a second approver.
 */
export function proposeDecision(current: CaseSnapshot, terms: DecisionTerms, approver: string, windows: DecisionWindows, now: Date): Decision {
  const screening = requireReviewable(current, 'decide');
  if (current.workflow.decision?.status === 'awaiting_second_approval') {
    throw new DecisionRefused('DECISION.ALREADY_PROPOSED', 'A decision is already awaiting its second approval.');
  }
  if (JUDGED_RESEARCH.has(screening.research) && current.workflow.securityJudgement?.caseVersion !== current.caseVersion) {
    throw new DecisionRefused(
      'DECISION.JUDGEMENT_REQUIRED',
      `The research is ${screening.research}: the reviewer's judgement on foreseeable security application (RS-T-008) must be recorded first.`,
    );
  }
  const nowIso = now.toISOString();
  const waiting = current.workflow.escalations.find((escalation) => escalation.status === 'open' && escalation.dueAt > nowIso);
  if (waiting) {
    throw new DecisionRefused('DECISION.ESCALATION_OPEN', `The escalation to ${waiting.target} is open until ${waiting.dueAt}: decide once it is answered, withdrawn or overdue.`);
  }
  const asked = current.workflow.informationRequests.find((request) => request.status === 'open' && request.dueAt > nowIso);
  if (asked) {
    throw new DecisionRefused('DECISION.INFORMATION_PENDING', `The applicant has until ${asked.dueAt} to answer the information request ${asked.id}.`);
  }
  const undecided = screening.pendingListHits ?? [];
  if (undecided.length > 0 && !ADVERSE_OUTCOMES.has(terms.outcome)) {
    throw new DecisionRefused(
      'DECISION.LIST_HITS_PENDING',
      `${undecided.length} list hit(s) wait for adjudication (${undecided.map((hit) => hit.hitId).join(', ')}): a case with an undecided candidate cannot proceed.`,
    );
  }
  if (terms.outcome === 'proceed_with_mitigation') {
    const plan = current.workflow.mitigationPlan;
    if (plan?.status !== 'agreed') {
      throw new DecisionRefused('DECISION.NO_AGREED_PLAN', 'proceed_with_mitigation needs an agreed mitigation plan.', 'unprocessable', 'outcome');
    }
    if (current.workflow.residual?.planId !== plan.id) {
      throw new DecisionRefused('DECISION.RESIDUAL_PENDING', 'The re-appraisal with the agreed plan has not recorded the residual risk yet.');
    }
  }
  if (terms.outcome === 'not_eligible' && screening.route !== 'not_eligible') {
    throw new DecisionRefused(
      'DECISION.NO_ELIGIBILITY_BASIS',
      'not_eligible needs a rule with a recorded eligibility or legal basis in the assessment; none proposed it. Use declined with reasons instead.',
      'unprocessable',
      'outcome',
    );
  }
  if (screening.level === 'blocked' && !ADVERSE_OUTCOMES.has(terms.outcome)) {
    throw new DecisionRefused('DECISION.BLOCKED', 'The assessment is blocked (a confirmed sanctions or denied-party hit): the case cannot proceed.', 'unprocessable', 'outcome');
  }
  if (ADVERSE_OUTCOMES.has(terms.outcome) && terms.reasonCodes.length === 0) {
    throw new DecisionRefused('DECISION.REASONS_REQUIRED', 'An adverse outcome needs reason codes (RS-F-004).', 'unprocessable', 'reasonCodes');
  }
  const decision: DecisionRecord = {
    id: terms.decisionId,
    caseVersion: current.caseVersion,
    assessmentId: screening.assessmentId,
    outcome: terms.outcome,
    reasonCodes: terms.reasonCodes,
    rationale: terms.rationale,
    conditions: terms.conditions,
    approvers: [approver],
    status: 'awaiting_second_approval',
    proposedAt: now.toISOString(),
    recordedAt: null,
    responseDueAt: null,
    applicantResponse: null,
    finalAt: null,
    appealDueAt: null,
  };
  if (needsSecondApprover(terms.outcome, screening.level)) {
    return {
      events: [
        {
          type: 'DecisionProposed',
          payload: { caseVersion: current.caseVersion, decisionId: decision.id, outcome: decision.outcome, reasonCodes: decision.reasonCodes, proposedBy: approver },
        },
      ],
      next: withWorkflow(current, { decision }),
    };
  }
  return record(current, decision, windows, now, []);
}

/** Four-eyes: a second approver, neither the first nor the reviewer, confirms the proposed decision. */
export function approveDecision(current: CaseSnapshot, approver: string, windows: DecisionWindows, now: Date): Decision {
  const decision = current.workflow.decision;
  if (!decision || decision.status !== 'awaiting_second_approval') {
    throw new DecisionRefused('DECISION.NOTHING_TO_APPROVE', 'No decision is awaiting a second approval.');
  }
  if (decision.approvers.includes(approver)) {
    throw new DecisionRefused('DECISION.FOUR_EYES', 'The second approver must be another person than the one who proposed the decision.', 'forbidden');
  }
  if (current.workflow.reviewer === approver) {
    throw new DecisionRefused('DECISION.FOUR_EYES', 'The second approver must not be the reviewer of the case.', 'forbidden');
  }
  return record(current, { ...decision, approvers: [...decision.approvers, approver] }, windows, now, []);
}

/** The applicant answers an adverse outcome within its response window. */
export function respondToDecision(current: CaseSnapshot, text: string, by: string, now: Date): Decision {
  const decision = current.workflow.decision;
  if (current.state !== 'decided' || !decision || decision.status !== 'response_window') {
    throw new DecisionRefused('DECISION.NO_RESPONSE_WINDOW', 'No adverse decision is open for a response.');
  }
  if (decision.responseDueAt !== null && now.toISOString() > decision.responseDueAt) {
    throw new DecisionRefused('DECISION.RESPONSE_WINDOW_CLOSED', `The response window closed at ${decision.responseDueAt}.`);
  }
  if (decision.applicantResponse) throw new DecisionRefused('DECISION.ALREADY_RESPONDED', 'The applicant has already responded to this decision.');
  const applicantResponse = { text, at: now.toISOString(), by };
  return {
    events: [{ type: 'ApplicantResponded', payload: { caseVersion: current.caseVersion, decisionId: decision.id, response: text } }],
    next: withWorkflow(current, { decision: { ...decision, applicantResponse } }),
  };
}

/**
 * The response window of `decisionId` has passed: the decision becomes final and the appeal window
 * opens. Null when there is nothing to do any more (the decision was replaced, the case withdrawn,
 * or the window not over): a deadline whose reason has gone does not act.
 */
export function finaliseDecision(current: CaseSnapshot, decisionId: string, windows: DecisionWindows, now: Date): Decision | null {
  const decision = current.workflow.decision;
  if (current.state !== 'decided' || !decision || decision.id !== decisionId || decision.status !== 'response_window') return null;
  if (decision.responseDueAt !== null && now.toISOString() < decision.responseDueAt) return null;
  const appealDueAt = new Date(now.getTime() + windows.appealWindowDays * DAY_MS).toISOString();
  const final: DecisionRecord = { ...decision, status: 'final', finalAt: now.toISOString(), appealDueAt };
  return {
    events: [{ type: 'DecisionFinalised', payload: { caseVersion: current.caseVersion, decisionId, outcome: decision.outcome, appealDueAt } }],
    next: withWorkflow(current, { decision: final }),
  };
}

/** The applicant appeals a final adverse decision within the appeal window. */
export function lodgeAppeal(current: CaseSnapshot, appealId: string, grounds: string, by: string, now: Date): Decision {
  const decision = current.workflow.decision;
  if (current.state !== 'decided' || !decision || decision.status !== 'final' || !ADVERSE_OUTCOMES.has(decision.outcome)) {
    throw new DecisionRefused('APPEAL.NOTHING_TO_APPEAL', 'Only a final adverse decision can be appealed.');
  }
  if (decision.appealDueAt !== null && now.toISOString() > decision.appealDueAt) {
    throw new DecisionRefused('APPEAL.WINDOW_CLOSED', `The appeal window closed at ${decision.appealDueAt}.`);
  }
  if (current.workflow.appeal?.decisionId === decision.id) throw new DecisionRefused('APPEAL.ALREADY_LODGED', 'This decision has already been appealed.');
  const appeal: AppealRecord = {
    id: appealId,
    decisionId: decision.id,
    grounds,
    lodgedBy: by,
    lodgedAt: now.toISOString(),
    status: 'open',
    result: null,
    decidedBy: null,
    rationale: null,
    decidedAt: null,
  };
  return {
    events: [{ type: 'AppealLodged', payload: { caseVersion: current.caseVersion, appealId, decisionId: decision.id, grounds } }],
    next: withWorkflow(current, { appeal }),
  };
}

/**
 * An approver who took no part in the decision (nor reviewed the case) decides the appeal: upheld
 * keeps the decision; overturned sends the case back to review for a new decision.
 */
export function decideAppeal(current: CaseSnapshot, result: 'upheld' | 'overturned', rationale: string, by: string, now: Date): Decision {
  const appeal = current.workflow.appeal;
  const decision = current.workflow.decision;
  if (!appeal || appeal.status !== 'open' || !decision) throw new DecisionRefused('APPEAL.NONE_OPEN', 'No appeal is open on this case.');
  if (decision.approvers.includes(by) || current.workflow.reviewer === by) {
    throw new DecisionRefused('APPEAL.NOT_INDEPENDENT', 'An appeal is decided by an approver who neither made the decision nor reviewed the case.', 'forbidden');
  }
  const decided: AppealRecord = { ...appeal, status: 'decided', result, decidedBy: by, rationale, decidedAt: now.toISOString() };
  const events: CaseEvent[] = [{ type: 'AppealDecided', payload: { caseVersion: current.caseVersion, appealId: appeal.id, decisionId: decision.id, outcome: result, rationale } }];
  if (result === 'upheld') return { events, next: withWorkflow(current, { appeal: decided }) };
  return {
    events,
    next: withWorkflow(current, { appeal: decided, decision: null, earlierDecisions: [...current.workflow.earlierDecisions, decision] }, reviewState(current.workflow)),
  };
}
