import type { Adjudication } from '@ajar/appraisal';
import type { CaseContent, Disclosure } from './case-content';
import type { PendingListHit } from './case-list-hits';
import { DECIDED_STATES, FINAL_STATES, REVIEW_STATES, CaseState, RiskLevel } from './case-state';
import { DisclosureAlreadyFiled, IllegalCaseTransition, InvalidCaseContent } from './case.errors';
import { CaseWorkflow, EMPTY_WORKFLOW, ResidualRisk, reviewState } from './case-workflow';

/** The part of a case the lifecycle decides on: pure data, rebuilt from the read model. */
export interface CaseSnapshot {
  id: string;
  state: CaseState;
  caseVersion: number;
  content: CaseContent;
  /** Certified disclosures of the current case version, by person ref. */
  disclosures: Record<string, Disclosure>;
  /** Risk level of the latest assessment of the current case version; null until screened. */
  level: RiskLevel | null;
  /** A person's decisions on list hits, kept across versions: the engine reads them (RS-L-011). */
  adjudications: Adjudication[];
  /** Review, judgement, decision and appeal. */
  workflow: CaseWorkflow;
}

export interface CaseEvent {
  type:
    | 'CaseSubmitted'
    | 'CaseAmended'
    | 'CaseWithdrawn'
    | 'DisclosureRequested'
    | 'DisclosureFiled'
    | 'DisclosuresCompleted'
    | 'ScreeningRequested'
    | 'ScreeningCompleted'
    | 'ScreeningFailed'
    | 'DecisionRecorded'
    | 'ListHitAdjudicated'
    | 'MonitoringAlertRaised'
    | 'ReviewAssigned'
    | 'SecurityApplicationJudged'
    | 'DecisionProposed'
    | 'ApplicantResponded'
    | 'DecisionFinalised'
    | 'AppealLodged'
    | 'AppealDecided'
    | 'InformationRequested'
    | 'InformationRequestOverdue'
    | 'EscalationRaised'
    | 'EscalationWithdrawn'
    | 'AdviceReceived'
    | 'EscalationOverdue'
    | 'MitigationPlanProposed'
    | 'MitigationPlanAgreed'
    | 'MeasureCompleted'
    | 'MeasureOverdue'
    | 'DeadlineReminderSent'
    | 'ChangeOfCircumstancesReported';
  payload: Record<string, unknown>;
}

export interface Decision {
  events: CaseEvent[];
  next: CaseSnapshot;
}

export function pendingDisclosures(snapshot: Pick<CaseSnapshot, 'content' | 'disclosures'>): string[] {
  return snapshot.content.personnel.map((person) => person.ref).filter((ref) => !snapshot.disclosures[ref]);
}

function checkPersonnel(content: CaseContent, inline: Record<string, Disclosure>): void {
  const seen = new Set<string>();
  content.personnel.forEach((person, index) => {
    if (seen.has(person.ref)) {
      throw new InvalidCaseContent(`personnel[${index}].ref`, `the person ref "${person.ref}" is used twice`);
    }
    seen.add(person.ref);
  });
  for (const ref of Object.keys(inline)) {
    if (!seen.has(ref)) throw new InvalidCaseContent('personnel', `a disclosure was given for unknown person "${ref}"`);
  }
}

/**
 * Once content and disclosures are settled: either ask for the missing disclosures, or, when all
 * are in, request screening (which goes to the appraisal queue through the outbox).
 */
function settle(snapshot: CaseSnapshot, events: CaseEvent[], alreadyRequested = false): Decision {
  const missing = pendingDisclosures(snapshot);
  if (missing.length > 0) {
    // The request went out with the case version; later filings only shorten the list.
    if (alreadyRequested) return { events, next: { ...snapshot, state: 'awaiting_disclosures' } };
    events.push({ type: 'DisclosureRequested', payload: { caseVersion: snapshot.caseVersion, personRefs: missing } });
    return { events, next: { ...snapshot, state: 'awaiting_disclosures' } };
  }
  if (snapshot.content.personnel.length > 0) {
    events.push({ type: 'DisclosuresCompleted', payload: { caseVersion: snapshot.caseVersion } });
  }
  events.push({ type: 'ScreeningRequested', payload: { caseVersion: snapshot.caseVersion } });
  return { events, next: { ...snapshot, state: 'screening' } };
}

function disclosureEvents(caseVersion: number, disclosures: Record<string, Disclosure>): CaseEvent[] {
  return Object.entries(disclosures).map(([personRef, disclosure]) => ({
    type: 'DisclosureFiled' as const,
    payload: { caseVersion, personRef, disclosure: disclosure as unknown as Record<string, unknown> },
  }));
}

export function submitCase(id: string, content: CaseContent, inline: Record<string, Disclosure>): Decision {
  checkPersonnel(content, inline);
  const snapshot: CaseSnapshot = {
    id,
    state: 'submitted',
    caseVersion: 1,
    content,
    disclosures: { ...inline },
    level: null,
    adjudications: [],
    workflow: EMPTY_WORKFLOW,
  };
  const events: CaseEvent[] = [
    { type: 'CaseSubmitted', payload: { caseId: id, caseVersion: 1, content: content as unknown as Record<string, unknown> } },
    ...disclosureEvents(1, inline),
  ];
  return settle(snapshot, events);
}

/** A new case version: the content changes, disclosures and screening start again. */
export function amendCase(current: CaseSnapshot, content: CaseContent, inline: Record<string, Disclosure>): Decision {
  if (current.state === 'withdrawn' || DECIDED_STATES.has(current.state)) {
    throw new IllegalCaseTransition('amend', current.state, 'a case can be amended only before a decision');
  }
  checkPersonnel(content, inline);
  const caseVersion = current.caseVersion + 1;
  // A new version is screened and judged afresh; the assigned reviewer stays.
  const workflow: CaseWorkflow = { ...current.workflow, screening: null, securityJudgement: null, residual: null, screeningFailure: null };
  const snapshot: CaseSnapshot = { ...current, state: 'submitted', caseVersion, content, disclosures: { ...inline }, level: null, workflow };
  const events: CaseEvent[] = [
    {
      type: 'CaseAmended',
      payload: { caseVersion, previousState: current.state, content: content as unknown as Record<string, unknown> },
    },
    ...disclosureEvents(caseVersion, inline),
  ];
  return settle(snapshot, events);
}

export function fileDisclosure(current: CaseSnapshot, personRef: string, disclosure: Disclosure): Decision {
  if (!current.content.personnel.some((person) => person.ref === personRef)) {
    throw new InvalidCaseContent('personRef', `no person "${personRef}" is listed on version ${current.caseVersion} of this case`);
  }
  if (current.disclosures[personRef]) throw new DisclosureAlreadyFiled(personRef, current.caseVersion);
  if (current.state !== 'awaiting_disclosures') {
    throw new IllegalCaseTransition('file a disclosure for', current.state, 'the case is not awaiting disclosures');
  }
  const snapshot: CaseSnapshot = { ...current, disclosures: { ...current.disclosures, [personRef]: disclosure } };
  return settle(snapshot, disclosureEvents(current.caseVersion, { [personRef]: disclosure }), true);
}

export function withdrawCase(current: CaseSnapshot, reason: string): Decision {
  // An adverse decision still in its response window is not final: the applicant may withdraw.
  const adverseNotFinal = current.state === 'decided' && current.workflow.decision?.status === 'response_window';
  if (FINAL_STATES.has(current.state) && !adverseNotFinal) {
    throw new IllegalCaseTransition('withdraw', current.state, 'the case is already final');
  }
  return {
    events: [{ type: 'CaseWithdrawn', payload: { caseVersion: current.caseVersion, previousState: current.state, reason } }],
    next: { ...current, state: 'withdrawn' },
  };
}

/** What the lifecycle needs of a stored assessment (the assessment itself stays in its table). */
export interface ScreeningOutcome {
  assessmentId: string;
  caseVersion: number;
  level: RiskLevel;
  route: 'auto_clear' | 'review' | 'escalate' | 'not_eligible';
  research: string;
  counterparty: string;
  integrity: string;
  policy: { name: string; version: number };
  referenceLists: { listId: string; version: number }[];
  /** Rule ids of the findings, for reason codes and webhooks. */
  ruleCodes: string[];
  escalationTargets: string[];
  escalationRecommendation?: { target: string; rule: string; triggeredBy: string[] }[];
  /** With an agreed mitigation plan: the risk left once its measures are taken into account. */
  residual?: ResidualRisk | null;
  /** List hits of this assessment a person has yet to adjudicate. */
  pendingListHits?: PendingListHit[];
}

/**
 * Routes a case after its screening: the proportionality fast lane (RS-F-006) clears it with a
 * system decision `proceed`; review and escalate go to a person; `not_eligible` also goes to a
 * person, flagged, because only a person confirms ineligibility.
 */
export function completeScreening(current: CaseSnapshot, outcome: ScreeningOutcome): Decision {
  if (current.state !== 'screening') {
    throw new IllegalCaseTransition('complete the screening of', current.state, 'the case is not in screening');
  }
  if (current.caseVersion !== outcome.caseVersion) {
    throw new IllegalCaseTransition('complete the screening of', current.state, `the assessment is for version ${outcome.caseVersion}, the case is at version ${current.caseVersion}`);
  }
  const workflow: CaseWorkflow = {
    ...current.workflow,
    screening: {
      assessmentId: outcome.assessmentId,
      caseVersion: outcome.caseVersion,
      level: outcome.level,
      route: outcome.route,
      research: outcome.research,
      ruleCodes: outcome.ruleCodes,
      escalationTargets: outcome.escalationTargets,
      escalationRecommendation: outcome.escalationRecommendation ?? [],
      pendingListHits: outcome.pendingListHits ?? [],
    },
    residual: outcome.residual ?? null,
  };
  const completed: CaseEvent = {
    type: 'ScreeningCompleted',
    payload: {
      ...withoutHitDetail(outcome),
      ...(outcome.route === 'not_eligible' ? { ineligibilityProposed: true } : {}),
    } as unknown as Record<string, unknown>,
  };
  if (current.workflow.rescreen !== null) return settleRescreen(current, outcome, workflow, completed);
  // Once people are engaged (an escalation, a plan, a decision overturned) the fast lane is closed.
  const engaged = current.workflow.escalations.length > 0 || current.workflow.mitigationPlan !== null || current.workflow.earlierDecisions.length > 0;
  if (outcome.route === 'auto_clear' && !engaged) {
    const decision: CaseEvent = {
      type: 'DecisionRecorded',
      payload: {
        caseVersion: outcome.caseVersion,
        outcome: 'proceed',
        decidedBy: 'system',
        reasonCodes: ['RS-F-006'],
        rationale: 'Low research sensitivity and counterparty risk with no integrity concern: cleared by the proportionality fast lane.',
        assessmentId: outcome.assessmentId,
      },
    };
    return { events: [completed, decision], next: { ...current, state: 'cleared', level: outcome.level, workflow } };
  }
  return { events: [completed], next: { ...current, state: reviewState(workflow), level: outcome.level, workflow } };
}

/** The event names the hits to adjudicate by id; their detail stays on the assessment and the case. */
function withoutHitDetail(outcome: ScreeningOutcome): Omit<ScreeningOutcome, 'pendingListHits'> & { pendingListHits?: string[] } {
  const { pendingListHits, ...rest } = outcome;
  return pendingListHits === undefined ? rest : { ...rest, pendingListHits: pendingListHits.map((hit) => hit.hitId) };
}

const LEVEL_ORDER: readonly RiskLevel[] = ['low', 'medium', 'high', 'very_high', 'blocked'];

/**
 * An approved case screened again after a change of circumstances: a new finding (a rule that did
 * not fire before) or a higher level raises `MonitoringAlertRaised` and re-opens review, the
 * approval kept among the earlier decisions; otherwise the case goes back to where it was.
 */
function settleRescreen(current: CaseSnapshot, outcome: ScreeningOutcome, screened: CaseWorkflow, completed: CaseEvent): Decision {
  const rescreen = current.workflow.rescreen!;
  const before = new Set(rescreen.previousRuleCodes);
  const newRules = outcome.ruleCodes.filter((rule) => !before.has(rule));
  const raised = rescreen.previousLevel !== null && LEVEL_ORDER.indexOf(outcome.level) > LEVEL_ORDER.indexOf(rescreen.previousLevel);
  if (newRules.length === 0 && !raised) {
    return { events: [completed], next: { ...current, state: rescreen.returnTo, level: outcome.level, workflow: { ...screened, rescreen: null } } };
  }
  const reopened: CaseWorkflow = {
    ...screened,
    rescreen: null,
    decision: null,
    earlierDecisions: current.workflow.decision ? [...current.workflow.earlierDecisions, current.workflow.decision] : current.workflow.earlierDecisions,
  };
  const alert: CaseEvent = {
    type: 'MonitoringAlertRaised',
    payload: { caseVersion: outcome.caseVersion, reason: 'change_of_circumstances', previousState: rescreen.returnTo, previousLevel: rescreen.previousLevel, level: outcome.level, ruleCodes: newRules },
  };
  return { events: [completed, alert], next: { ...current, state: reviewState(reopened), level: outcome.level, workflow: reopened } };
}

export interface ChangeOfCircumstances {
  /** New partner organisations. */
  partners: CaseContent['partners'];
  /** New team members, each with a certified disclosure. */
  personnel: CaseContent['personnel'];
  /** Certified disclosures: of the new members, or re-certified ones of listed people (a new affiliation). */
  disclosures: Record<string, Disclosure>;
}

/**
 * An approved case under monitoring reports a change (RS-W-002, RS-W-003): a new partner, a new
 * team member, a new affiliation. The content becomes a new case version and is screened again.
 */
export function reportChangeOfCircumstances(current: CaseSnapshot, change: ChangeOfCircumstances): Decision {
  if (current.state !== 'monitoring' && current.state !== 'cleared') {
    throw new IllegalCaseTransition('report a change of circumstances on', current.state, 'only an approved case under monitoring reports changes; amend it instead');
  }
  const content: CaseContent = { ...current.content, partners: [...current.content.partners, ...change.partners], personnel: [...current.content.personnel, ...change.personnel] };
  checkPersonnel(content, change.disclosures);
  const missing = change.personnel.filter((person) => !change.disclosures[person.ref]);
  if (missing.length > 0) throw new InvalidCaseContent('personnel', `a new team member needs a certified disclosure: ${missing.map((person) => person.ref).join(', ')}`);
  const kinds = [
    ...(change.partners.length > 0 ? ['new_partner'] : []),
    ...(change.personnel.length > 0 ? ['new_team_member'] : []),
    ...(Object.keys(change.disclosures).some((ref) => !change.personnel.some((person) => person.ref === ref)) ? ['new_affiliation'] : []),
  ];
  if (kinds.length === 0) throw new InvalidCaseContent('partners', 'a change of circumstances names a new partner, team member or disclosure');
  const caseVersion = current.caseVersion + 1;
  const workflow: CaseWorkflow = {
    ...current.workflow,
    screening: null,
    residual: null,
    rescreen: { returnTo: current.state, previousRuleCodes: current.workflow.screening?.ruleCodes ?? [], previousLevel: current.level },
  };
  return {
    events: [
      { type: 'ChangeOfCircumstancesReported', payload: { caseVersion, kinds, content: content as unknown as Record<string, unknown> } },
      ...disclosureEvents(caseVersion, change.disclosures),
      { type: 'ScreeningRequested', payload: { caseVersion, reason: 'change of circumstances' } },
    ],
    next: { ...current, state: 'screening', caseVersion, content, disclosures: { ...current.disclosures, ...change.disclosures }, workflow },
  };
}

/** The list hit a person decides on: a list finding of the case's latest assessment. */
export interface ListHit {
  findingId: string;
  rule: string;
  subject: string;
  listId: string;
  entryId: string;
  entryLastChange?: string;
}


/**
 * Records a person's decision on a list hit and screens the case again with it: a confirmed hit
 * feeds the counterparty level, a false positive stays cleared for that subject and entry until
 * the entry changes in a later list version.
 */
export function adjudicateListHit(current: CaseSnapshot, hit: ListHit, decision: 'confirmed' | 'false_positive', reason: string): Decision {
  if (!REVIEW_STATES.has(current.state)) {
    throw new IllegalCaseTransition('adjudicate a list hit of', current.state, 'list hits are adjudicated while the case is in review');
  }
  const adjudication: Adjudication = {
    subject: hit.subject,
    listId: hit.listId,
    entryId: hit.entryId,
    decision,
    ...(hit.entryLastChange !== undefined ? { entryLastChange: hit.entryLastChange } : {}),
  };
  const others = current.adjudications.filter(
    (existing) => !(existing.subject === hit.subject && existing.listId === hit.listId && existing.entryId === hit.entryId),
  );
  return {
    events: [
      { type: 'ListHitAdjudicated', payload: { caseVersion: current.caseVersion, hitId: hit.findingId, rule: hit.rule, ...adjudication, reason } },
      { type: 'ScreeningRequested', payload: { caseVersion: current.caseVersion, reason: 'list hit adjudicated' } },
    ],
    next: { ...current, state: 'screening', adjudications: [...others, adjudication] },
  };
}

/** A new hit found by monitoring: a list version added or changed an entry that matches the case. */
export interface MonitoringAlert {
  listId: string;
  listVersion: number;
  hits: { rule: string; subject: string; entryId: string; matchedName: string | null }[];
}

/** Open cases in review and approved ones under monitoring; earlier states are screened afresh anyway. */
export const MONITORED_STATES: ReadonlySet<CaseState> = new Set(['in_review', 'escalated', 'mitigation', 'cleared', 'monitoring']);

/** Raises the alert and re-opens review: the case is screened again with the new list version. */
export function raiseMonitoringAlert(current: CaseSnapshot, alert: MonitoringAlert): Decision {
  if (!MONITORED_STATES.has(current.state)) {
    throw new IllegalCaseTransition('raise a monitoring alert on', current.state, 'the case is not under monitoring or in review');
  }
  return {
    events: [
      { type: 'MonitoringAlertRaised', payload: { caseVersion: current.caseVersion, previousState: current.state, ...alert } as unknown as Record<string, unknown> },
      { type: 'ScreeningRequested', payload: { caseVersion: current.caseVersion, reason: 'monitoring alert' } },
    ],
    // Review re-opens: an approval in force is kept among the earlier decisions, not overwritten.
    next: {
      ...current,
      state: 'screening',
      workflow: current.workflow.decision
        ? { ...current.workflow, decision: null, earlierDecisions: [...current.workflow.earlierDecisions, current.workflow.decision] }
        : current.workflow,
    },
  };
}
