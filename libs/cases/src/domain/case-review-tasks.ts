import type { CaseSnapshot } from './case-lifecycle';
import { JUDGED_RESEARCH, REVIEW_STATES } from './case-state';
import { ADVERSE_OUTCOMES } from './case-workflow';
import type { PendingListHit } from './case-list-hits';

export const REVIEW_TASK_KINDS = [
  'retry_screening',
  'assign_reviewer',
  'adjudicate_list_hit',
  'record_security_judgement',
  'answer_information_request',
  'await_advice',
  'agree_mitigation_plan',
  'complete_measure',
  'propose_decision',
  'approve_decision',
  'respond_to_decision',
  'decide_appeal',
] as const;
export type ReviewTaskKind = (typeof REVIEW_TASK_KINDS)[number];

/** One thing a person has to do on a case, with who can do it and whether the decision waits for it. */
export interface ReviewTask {
  kind: ReviewTaskKind;
  /** The roles that can do it; `assignee` narrows it to one API key where the case names one. */
  roles: string[];
  assignee: string | null;
  /** What the task is about: a hit, information request, escalation, measure, decision or appeal id. */
  ref: string | null;
  dueAt: string | null;
  overdue: boolean;
  /** True while no decision can be proposed (or, for list hits, no favourable one) until it is done. */
  blocksDecision: boolean;
  summary: string;
  /** For `adjudicate_list_hit`: the hit. */
  hit?: PendingListHit;
}

const RSO = ['rso'];
const APPLICANT = ['applicant', 'integrator'];
const APPROVER = ['approver'];

function task(kind: ReviewTaskKind, roles: string[], summary: string, extra: Partial<ReviewTask> = {}): ReviewTask {
  return { kind, roles, assignee: null, ref: null, dueAt: null, overdue: false, blocksDecision: false, summary, ...extra };
}

/**
 * What is left to do on a case, in the order a reviewer works: the tasks of review (assignment,
 * list hits, the RS-T-008 judgement, questions to the applicant and advisors, the mitigation plan)
 * and of the decision (propose, approve, the applicant's response, the appeal). Pure: the caller
 * gives the time.
 */
export function reviewTasks(current: Pick<CaseSnapshot, 'state' | 'caseVersion' | 'workflow'>, now: Date): ReviewTask[] {
  const workflow = current.workflow;
  const nowIso = now.toISOString();
  const tasks: ReviewTask[] = [];
  const decision = workflow.decision;

  const failure = workflow.screeningFailure;
  if (current.state === 'screening_failed' && failure !== null) {
    tasks.push(
      task('retry_screening', ['rso', 'admin'], `Screening of version ${failure.caseVersion} failed after ${failure.attempts} attempt(s) (${failure.code}): fix the cause, then screen the case again (POST /v1/cases/{id}/screening).`, {
        blocksDecision: true,
      }),
    );
  }

  if (REVIEW_STATES.has(current.state)) {
    const screening = workflow.screening?.caseVersion === current.caseVersion ? workflow.screening : null;
    // With a decision awaiting its second approver, the review is closed: only the approval is left.
    if (workflow.reviewer === null && decision?.status !== 'awaiting_second_approval') {
      tasks.push(task('assign_reviewer', ['rso', 'admin'], 'Assign a reviewer: an rso key of this tenant.', { blocksDecision: screening !== null && JUDGED_RESEARCH.has(screening.research) }));
    }
    for (const hit of screening?.pendingListHits ?? []) {
      const what = hit.status === 'reopened' ? 'was cleared before, but its list entry changed' : hit.status === 'review_band' ? `resembles it (score ${hit.score})` : `is a candidate (score ${hit.score})`;
      tasks.push(
        task('adjudicate_list_hit', RSO, `${hit.subject} ${what} for "${hit.matchedName ?? hit.entryId}" on list ${hit.listId}: confirm it or record a false positive (${hit.rules.join(', ')}).`, {
          ref: hit.hitId,
          blocksDecision: true,
          hit,
        }),
      );
    }
    if (screening !== null && JUDGED_RESEARCH.has(screening.research) && workflow.securityJudgement?.caseVersion !== current.caseVersion) {
      tasks.push(
        task('record_security_judgement', RSO, `The research is ${screening.research}: the assigned reviewer records the judgement on foreseeable security application (RS-T-008).`, {
          assignee: workflow.reviewer,
          blocksDecision: true,
        }),
      );
    }
    for (const request of workflow.informationRequests.filter((r) => r.status === 'open')) {
      const overdue = request.dueAt <= nowIso;
      tasks.push(task('answer_information_request', APPLICANT, `The applicant answers: ${request.question}`, { ref: request.id, dueAt: request.dueAt, overdue, blocksDecision: !overdue }));
    }
    for (const escalation of workflow.escalations.filter((e) => e.status === 'open')) {
      const overdue = escalation.dueAt <= nowIso;
      const roles = escalation.target === 'national_advisor' ? ['national_advisor'] : escalation.target === 'ethics_committee' ? ['ethics_committee'] : RSO;
      tasks.push(task('await_advice', roles, `Advice from ${escalation.target.replace('_', ' ')}: ${escalation.question}`, { ref: escalation.id, dueAt: escalation.dueAt, overdue, blocksDecision: !overdue }));
    }
    const plan = workflow.mitigationPlan;
    if (plan?.status === 'proposed') {
      tasks.push(task('agree_mitigation_plan', APPLICANT, `The applicant agrees the mitigation plan of ${plan.measures.length} measure(s).`, { ref: plan.id }));
    }
    if (plan?.status === 'agreed') {
      for (const measure of plan.measures.filter((m) => m.status === 'pending')) {
        tasks.push(
          task('complete_measure', [...APPLICANT, 'rso'], `${measure.owner} completes ${measure.measure} (${measure.strength}) with evidence: ${measure.evidenceExpected}`, {
            ref: measure.id,
            dueAt: measure.dueAt,
            overdue: measure.dueAt !== null && measure.dueAt <= nowIso,
          }),
        );
      }
    }
    if (decision?.status === 'awaiting_second_approval') {
      tasks.push(
        task('approve_decision', APPROVER, `A second approver, neither ${decision.approvers[0]} nor the reviewer, approves or not the proposed outcome ${decision.outcome}.`, { ref: decision.id }),
      );
    } else if (screening !== null) {
      const blocked = tasks.some((t) => t.blocksDecision);
      tasks.push(task('propose_decision', APPROVER, blocked ? 'An approver decides once the tasks that block the decision are done.' : 'An approver decides the outcome.', { ref: screening.assessmentId }));
    }
  }

  if (decision?.status === 'response_window' && ADVERSE_OUTCOMES.has(decision.outcome) && decision.applicantResponse === null) {
    tasks.push(task('respond_to_decision', APPLICANT, `The applicant may respond to the ${decision.outcome} decision before it becomes final.`, { ref: decision.id, dueAt: decision.responseDueAt }));
  }
  if (workflow.appeal?.status === 'open') {
    tasks.push(task('decide_appeal', APPROVER, 'An approver who neither made the decision nor reviewed the case decides the appeal.', { ref: workflow.appeal.id }));
  }
  return tasks;
}
