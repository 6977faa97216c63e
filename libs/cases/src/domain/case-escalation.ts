import type { Decision, CaseSnapshot } from './case-lifecycle';
import { REVIEW_STATES, DAY_MS } from './case-state';
import { DecisionRefused, IllegalCaseTransition } from './case.errors';
import { reviewState, type AdviceRecommendation, type CaseWorkflow, type EscalationRecord, type EscalationTarget } from './case-workflow';

/**
 * Escalation (RS-X rules), information requests and the review state they put a case in, pure.
 * A case with an open escalation is `escalated`; with a mitigation plan, `mitigation`; otherwise
 * `in_review`. The clock and ids come in as arguments.
 */


function inReview(current: CaseSnapshot, action: string): void {
  if (!REVIEW_STATES.has(current.state)) throw new IllegalCaseTransition(action, current.state, 'the case is not in review');
  const screening = current.workflow.screening;
  if (!screening || screening.caseVersion !== current.caseVersion) {
    throw new IllegalCaseTransition(action, current.state, 'the current case version has no screening result yet');
  }
  if (current.workflow.decision?.status === 'awaiting_second_approval') {
    throw new IllegalCaseTransition(action, current.state, 'a decision is awaiting its second approval');
  }
}

function moved(current: CaseSnapshot, workflow: CaseWorkflow): CaseSnapshot {
  // Only a case in review changes review state: one being screened or awaiting disclosures (an
  // amendment) keeps its state, and its screening settles the review state itself.
  return { ...current, workflow, state: REVIEW_STATES.has(current.state) ? reviewState(workflow) : current.state };
}

export interface EscalationTerms {
  escalationId: string;
  target: EscalationTarget;
  question: string;
  advisorTenantId: string | null;
  slaDays: number;
}

/**
 * Puts a question to a committee, a national advisor, export control or legal. The engine's
 * recommendation for the target (its X rule and the findings behind it) travels with it; one
 * open escalation per target at a time.
 */
export function raiseEscalation(current: CaseSnapshot, terms: EscalationTerms, by: string, now: Date): Decision {
  inReview(current, 'escalate');
  if (current.workflow.escalations.some((escalation) => escalation.target === terms.target && escalation.status === 'open')) {
    throw new DecisionRefused('ESCALATION.ALREADY_OPEN', `An escalation to ${terms.target} is already open on this case.`);
  }
  if ((terms.target === 'national_advisor') !== (terms.advisorTenantId !== null)) {
    throw new DecisionRefused('ESCALATION.ADVISOR', 'A national advisor escalation names the registered advisor; no other target does.', 'unprocessable', 'advisorTenantId');
  }
  const screening = current.workflow.screening;
  const recommended = screening?.escalationRecommendation?.find((recommendation) => recommendation.target === terms.target) ?? null;
  const escalation: EscalationRecord = {
    id: terms.escalationId,
    target: terms.target,
    question: terms.question,
    advisorTenantId: terms.advisorTenantId,
    recommendedBy: recommended?.rule ?? null,
    ruleCodes: recommended ? [...recommended.triggeredBy] : [],
    requestedBy: by,
    requestedAt: now.toISOString(),
    dueAt: new Date(now.getTime() + terms.slaDays * DAY_MS).toISOString(),
    status: 'open',
    advice: null,
    overdueAt: null,
    closedAt: null,
  };
  const workflow = { ...current.workflow, escalations: [...current.workflow.escalations, escalation] };
  return {
    events: [
      {
        type: 'EscalationRaised',
        payload: {
          caseVersion: current.caseVersion,
          escalationId: escalation.id,
          target: escalation.target,
          question: escalation.question,
          advisorTenantId: escalation.advisorTenantId,
          recommendedBy: escalation.recommendedBy,
          ruleCodes: escalation.ruleCodes,
          dueAt: escalation.dueAt,
        },
      },
    ],
    next: moved(current, workflow),
  };
}

function openEscalation(current: CaseSnapshot, escalationId: string): EscalationRecord {
  const escalation = current.workflow.escalations.find((candidate) => candidate.id === escalationId);
  if (!escalation) throw new DecisionRefused('ESCALATION.NOT_FOUND', 'No such escalation on this case.');
  if (escalation.status !== 'open') throw new DecisionRefused('ESCALATION.CLOSED', `The escalation is already ${escalation.status}.`);
  if (current.state === 'withdrawn' || current.state === 'decided' || current.state === 'monitoring' || current.state === 'cleared') {
    throw new IllegalCaseTransition('answer an escalation of', current.state, 'the case is closed');
  }
  return escalation;
}

function replaced(current: CaseSnapshot, escalation: EscalationRecord): CaseWorkflow {
  return { ...current.workflow, escalations: current.workflow.escalations.map((e) => (e.id === escalation.id ? escalation : e)) };
}

/** The committee's or advisor's answer (`AdviceReceived`); advice is advisory, never binding. */
export function receiveAdvice(
  current: CaseSnapshot,
  escalationId: string,
  advice: { recommendation: AdviceRecommendation; text: string },
  by: { keyId: string; tenantId: string },
  now: Date,
): Decision {
  const escalation = openEscalation(current, escalationId);
  const answered: EscalationRecord = {
    ...escalation,
    status: 'answered',
    advice: { ...advice, by: by.keyId, byTenantId: by.tenantId, at: now.toISOString() },
    closedAt: now.toISOString(),
  };
  return {
    events: [
      {
        type: 'AdviceReceived',
        payload: { caseVersion: current.caseVersion, escalationId, target: escalation.target, recommendation: advice.recommendation, advice: advice.text, byTenantId: by.tenantId },
      },
    ],
    next: moved(current, replaced(current, answered)),
  };
}

/** The reviewer takes the question back (answered elsewhere, overtaken): its timers go silent. */
export function withdrawEscalation(current: CaseSnapshot, escalationId: string, reason: string, now: Date): Decision {
  const escalation = openEscalation(current, escalationId);
  const withdrawn: EscalationRecord = { ...escalation, status: 'withdrawn', closedAt: now.toISOString() };
  return {
    events: [{ type: 'EscalationWithdrawn', payload: { caseVersion: current.caseVersion, escalationId, target: escalation.target, reason } }],
    next: moved(current, replaced(current, withdrawn)),
  };
}

/** The reviewer asks the applicant a question with a due date (`InformationRequested`). */
export function requestInformation(current: CaseSnapshot, requestId: string, question: string, days: number, by: string, now: Date): Decision {
  inReview(current, 'request information on');
  const dueAt = new Date(now.getTime() + days * DAY_MS).toISOString();
  const request = { id: requestId, question, requestedBy: by, requestedAt: now.toISOString(), dueAt, status: 'open' as const, response: null, overdueAt: null };
  return {
    events: [{ type: 'InformationRequested', payload: { caseVersion: current.caseVersion, requestId, question, dueAt } }],
    next: { ...current, workflow: { ...current.workflow, informationRequests: [...current.workflow.informationRequests, request] } },
  };
}

/** The applicant answers (`ApplicantResponded`); late answers are taken, the request was overdue. */
export function answerInformationRequest(current: CaseSnapshot, requestId: string, text: string, by: string, now: Date): Decision {
  const request = current.workflow.informationRequests.find((candidate) => candidate.id === requestId);
  if (!request) throw new DecisionRefused('INFORMATION.NOT_FOUND', 'No such information request on this case.');
  if (request.status !== 'open') throw new DecisionRefused('INFORMATION.CLOSED', 'The information request has already been answered.');
  if (current.state === 'withdrawn') throw new IllegalCaseTransition('answer an information request of', current.state, 'the case is withdrawn');
  const answered = { ...request, status: 'answered' as const, response: { text, by, at: now.toISOString() } };
  return {
    events: [{ type: 'ApplicantResponded', payload: { caseVersion: current.caseVersion, requestId, response: text } }],
    next: {
      ...current,
      workflow: { ...current.workflow, informationRequests: current.workflow.informationRequests.map((r) => (r.id === requestId ? answered : r)) },
    },
  };
}
