import { DISSEMINATION_RESTRICTIONS, MITIGATION_IDS, type MitigationId } from '@ajar/appraisal';
import type { Decision, CaseSnapshot } from './case-lifecycle';
import { type CaseState, REVIEW_STATES, DAY_MS } from './case-state';
import { DecisionRefused, IllegalCaseTransition } from './case.errors';
import { reviewState, type MeasureStrength, type MitigationMeasure, type MitigationPlan } from './case-workflow';

/**
 * The mitigation plan, pure: proposed from the catalogue (RULES §5), agreed by the applicant's
 * side, which starts each measure's due time and a re-appraisal of the residual risk; measures
 * completed with evidence. A dissemination restriction needs a recorded legal basis (RS-F-005).
 */

/** Measures run on after an approval with mitigation: they are its conditions. */
const COMPLETABLE: ReadonlySet<CaseState> = new Set(['in_review', 'escalated', 'mitigation', 'screening', 'monitoring']);

export interface ProposedMeasure {
  measureId: string;
  measure: string;
  strength: MeasureStrength;
  owner: string;
  dueInDays: number;
  evidenceExpected: string;
  legalBasis?: string | null;
}

const isCatalogued = (id: string): id is MitigationId => (MITIGATION_IDS as readonly string[]).includes(id);

/** The reviewer proposes a plan; a plan still only proposed may be replaced, an agreed one not. */
export function proposeMitigationPlan(current: CaseSnapshot, planId: string, proposed: ProposedMeasure[], by: string, now: Date): Decision {
  if (!REVIEW_STATES.has(current.state)) throw new IllegalCaseTransition('propose a mitigation plan for', current.state, 'the case is not in review');
  if (!current.workflow.screening || current.workflow.screening.caseVersion !== current.caseVersion) {
    throw new IllegalCaseTransition('propose a mitigation plan for', current.state, 'the current case version has no screening result yet');
  }
  if (current.workflow.mitigationPlan?.status === 'agreed') {
    throw new DecisionRefused('MITIGATION.PLAN_AGREED', 'A mitigation plan has already been agreed for this case.');
  }
  const seen = new Set<string>();
  const measures: MitigationMeasure[] = proposed.map((measure, index) => {
    if (!isCatalogued(measure.measure)) {
      throw new DecisionRefused('MITIGATION.UNKNOWN_MEASURE', `${measure.measure} is not in the mitigation catalogue (MIT-01 … MIT-15).`, 'unprocessable', `measures[${index}].measure`);
    }
    if (seen.has(measure.measure)) {
      throw new DecisionRefused('MITIGATION.DUPLICATE_MEASURE', `${measure.measure} is listed twice.`, 'unprocessable', `measures[${index}].measure`);
    }
    seen.add(measure.measure);
    const legalBasis = measure.legalBasis?.trim() ? measure.legalBasis.trim() : null;
    if (DISSEMINATION_RESTRICTIONS.includes(measure.measure) && legalBasis === null) {
      throw new DecisionRefused(
        'MITIGATION.LEGAL_BASIS_REQUIRED',
        `${measure.measure} restricts dissemination: it needs a recorded legal basis (export control or contract), never a default (RS-F-005).`,
        'unprocessable',
        `measures[${index}].legalBasis`,
      );
    }
    return {
      id: measure.measureId,
      measure: measure.measure,
      strength: measure.strength,
      owner: measure.owner,
      dueInDays: measure.dueInDays,
      dueAt: null,
      evidenceExpected: measure.evidenceExpected,
      legalBasis,
      status: 'pending',
      completion: null,
      overdueAt: null,
    };
  });
  const plan: MitigationPlan = {
    id: planId,
    caseVersion: current.caseVersion,
    status: 'proposed',
    proposedBy: by,
    proposedAt: now.toISOString(),
    agreedBy: null,
    agreedAt: null,
    measures,
  };
  const workflow = { ...current.workflow, mitigationPlan: plan, residual: null };
  return {
    events: [
      {
        type: 'MitigationPlanProposed',
        payload: {
          caseVersion: current.caseVersion,
          planId,
          measures: measures.map(({ id, measure, strength, owner, dueInDays, evidenceExpected, legalBasis }) => ({ measureId: id, measure, strength, owner, dueInDays, evidenceExpected, legalBasis })),
        },
      },
    ],
    next: { ...current, workflow, state: reviewState(workflow) },
  };
}

/**
 * The applicant's side agrees the proposed plan: each measure's due time starts, and the case is
 * re-appraised with the agreed measures taken into account (the residual risk). Refused while an
 * escalation is open: the answer may change the plan.
 */
export function agreeMitigationPlan(current: CaseSnapshot, planId: string, by: string, now: Date): Decision {
  const plan = current.workflow.mitigationPlan;
  if (!plan || plan.id !== planId) throw new DecisionRefused('MITIGATION.NO_PLAN', 'No such mitigation plan is proposed on this case.');
  if (plan.status === 'agreed') throw new DecisionRefused('MITIGATION.PLAN_AGREED', 'The mitigation plan has already been agreed.');
  if (!REVIEW_STATES.has(current.state)) throw new IllegalCaseTransition('agree the mitigation plan of', current.state, 'the case is not in review');
  if (current.workflow.escalations.some((escalation) => escalation.status === 'open')) {
    throw new DecisionRefused('MITIGATION.ESCALATION_OPEN', 'An escalation is still open: agree the plan once its advice is in (or it is withdrawn).');
  }
  const agreedAt = now.toISOString();
  const measures = plan.measures.map((measure) => ({ ...measure, dueAt: new Date(now.getTime() + measure.dueInDays * DAY_MS).toISOString() }));
  const agreed: MitigationPlan = { ...plan, status: 'agreed', agreedBy: by, agreedAt, measures };
  return {
    events: [
      {
        type: 'MitigationPlanAgreed',
        payload: { caseVersion: current.caseVersion, planId, measures: measures.map((m) => ({ measureId: m.id, measure: m.measure, strength: m.strength, dueAt: m.dueAt })) },
      },
      { type: 'ScreeningRequested', payload: { caseVersion: current.caseVersion, reason: 'mitigation plan agreed' } },
    ],
    next: { ...current, state: 'screening', workflow: { ...current.workflow, mitigationPlan: agreed, residual: null } },
  };
}

/** A measure of the agreed plan is done: the evidence, and a document with its SHA-256. */
export function completeMeasure(
  current: CaseSnapshot,
  measureId: string,
  completion: { evidence: string; document: { reference: string; sha256: string } | null },
  by: string,
  now: Date,
): Decision {
  const plan = current.workflow.mitigationPlan;
  const measure = plan?.measures.find((candidate) => candidate.id === measureId);
  if (!plan || !measure) throw new DecisionRefused('MITIGATION.NO_MEASURE', 'No such measure in this case\'s mitigation plan.');
  if (plan.status !== 'agreed') throw new DecisionRefused('MITIGATION.PLAN_NOT_AGREED', 'Measures are completed once the plan is agreed.');
  if (measure.status === 'completed') throw new DecisionRefused('MITIGATION.MEASURE_COMPLETED', 'The measure has already been completed.');
  if (!COMPLETABLE.has(current.state)) throw new IllegalCaseTransition('complete a measure of', current.state, 'the case is closed');
  const completed: MitigationMeasure = { ...measure, status: 'completed', completion: { ...completion, by, at: now.toISOString() } };
  return {
    events: [
      {
        type: 'MeasureCompleted',
        payload: { caseVersion: current.caseVersion, planId: plan.id, measureId, measure: measure.measure, evidence: completion.evidence, document: completion.document, late: measure.overdueAt !== null },
      },
    ],
    next: { ...current, workflow: { ...current.workflow, mitigationPlan: { ...plan, measures: plan.measures.map((m) => (m.id === measureId ? completed : m)) } } },
  };
}
