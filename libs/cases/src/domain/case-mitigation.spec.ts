import { reviewSnapshot } from '../testing/review-snapshot.fixture';
import { DomainError } from '@ajar/kernel';
import type { CaseSnapshot } from './case-lifecycle';
import { agreeMitigationPlan, completeMeasure, proposeMitigationPlan, type ProposedMeasure } from './case-mitigation';
import type { CaseState } from './case-state';
import { type CaseWorkflow, type EscalationRecord, type ResidualRisk, type ScreeningSummary } from './case-workflow';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const AGREED_AT = new Date('2026-03-04T12:00:00.000Z');
const DONE_AT = new Date('2026-03-20T09:00:00.000Z');

const screening: ScreeningSummary = {
  assessmentId: 'a-1',
  caseVersion: 1,
  level: 'high',
  route: 'review',
  research: 'R1',
  ruleCodes: ['RS-C-001'],
  escalationTargets: [],
};

function snapshot(workflow: Partial<CaseWorkflow> = {}, overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return reviewSnapshot(screening, workflow, overrides);
}

function proposed(overrides: Partial<ProposedMeasure> = {}): ProposedMeasure {
  return {
    measureId: 'm-1',
    measure: 'MIT-03',
    strength: 'required',
    owner: 'research office',
    dueInDays: 30,
    evidenceExpected: 'signed data-access agreement',
    ...overrides,
  };
}

const twoMeasures = [proposed(), proposed({ measureId: 'm-2', measure: 'MIT-07', strength: 'recommended', owner: 'PI', dueInDays: 10 })];

const openEscalation: EscalationRecord = {
  id: 'esc-1',
  target: 'legal',
  question: 'Is the contract sound?',
  advisorTenantId: null,
  recommendedBy: null,
  ruleCodes: [],
  requestedBy: 'reviewer-1',
  requestedAt: NOW.toISOString(),
  dueAt: '2026-03-16T10:00:00.000Z',
  status: 'open',
  advice: null,
  overdueAt: null,
  closedAt: null,
};

function refusal(action: () => unknown): { code: string; kind: string; field?: string } | undefined {
  try {
    action();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = (error.details?.errors ?? []) as { field: string }[];
    return { code: error.code, kind: error.kind, ...(errors[0] ? { field: errors[0].field } : {}) };
  }
  return undefined;
}

/** A case in mitigation with the two-measure plan proposed. */
function withProposedPlan(workflow: Partial<CaseWorkflow> = {}): CaseSnapshot {
  return proposeMitigationPlan(snapshot(workflow), 'plan-1', twoMeasures, 'reviewer-1', NOW).next;
}

/** The same case once the plan is agreed and the re-appraisal is back (state mitigation). */
function withAgreedPlan(state: CaseState = 'mitigation'): CaseSnapshot {
  const agreed = agreeMitigationPlan(withProposedPlan(), 'plan-1', 'applicant-1', AGREED_AT).next;
  return { ...agreed, state };
}

describe('proposeMitigationPlan', () => {
  it('records a proposed plan and moves the case to mitigation', () => {
    const decision = proposeMitigationPlan(snapshot(), 'plan-1', twoMeasures, 'reviewer-1', NOW);
    expect(decision.next.state).toBe('mitigation');
    expect(decision.next.workflow.mitigationPlan).toEqual({
      id: 'plan-1',
      caseVersion: 1,
      status: 'proposed',
      proposedBy: 'reviewer-1',
      proposedAt: NOW.toISOString(),
      agreedBy: null,
      agreedAt: null,
      measures: [
        {
          id: 'm-1',
          measure: 'MIT-03',
          strength: 'required',
          owner: 'research office',
          dueInDays: 30,
          dueAt: null,
          evidenceExpected: 'signed data-access agreement',
          legalBasis: null,
          status: 'pending',
          completion: null,
          overdueAt: null,
        },
        expect.objectContaining({ id: 'm-2', measure: 'MIT-07', strength: 'recommended', owner: 'PI', dueInDays: 10, dueAt: null }),
      ],
    });
    expect(decision.events).toHaveLength(1);
    expect(decision.events[0]).toMatchObject({ type: 'MitigationPlanProposed', payload: { caseVersion: 1, planId: 'plan-1' } });
    expect(decision.events[0].payload.measures).toEqual([
      { measureId: 'm-1', measure: 'MIT-03', strength: 'required', owner: 'research office', dueInDays: 30, evidenceExpected: 'signed data-access agreement', legalBasis: null },
      { measureId: 'm-2', measure: 'MIT-07', strength: 'recommended', owner: 'PI', dueInDays: 10, evidenceExpected: 'signed data-access agreement', legalBasis: null },
    ]);
  });

  it('keeps the case escalated while an escalation is open', () => {
    const current = snapshot({ escalations: [openEscalation] }, { state: 'escalated' });
    const decision = proposeMitigationPlan(current, 'plan-1', twoMeasures, 'reviewer-1', NOW);
    expect(decision.next.state).toBe('escalated');
    expect(decision.next.workflow.mitigationPlan?.status).toBe('proposed');
  });

  it('refuses a dissemination restriction (MIT-15) without a legal basis', () => {
    const measures = [proposed(), proposed({ measureId: 'm-2', measure: 'MIT-15' })];
    expect(refusal(() => proposeMitigationPlan(snapshot(), 'plan-1', measures, 'reviewer-1', NOW))).toEqual({
      code: 'MITIGATION.LEGAL_BASIS_REQUIRED',
      kind: 'unprocessable',
      field: 'measures[1].legalBasis',
    });
    const blank = [proposed({ measure: 'MIT-15', legalBasis: '   ' })];
    expect(refusal(() => proposeMitigationPlan(snapshot(), 'plan-1', blank, 'reviewer-1', NOW))?.field).toBe('measures[0].legalBasis');
    const nullBasis = [proposed({ measure: 'MIT-15', legalBasis: null })];
    expect(refusal(() => proposeMitigationPlan(snapshot(), 'plan-1', nullBasis, 'reviewer-1', NOW))?.code).toBe('MITIGATION.LEGAL_BASIS_REQUIRED');
  });

  it('accepts MIT-15 with a legal basis, trimmed', () => {
    const measures = [proposed({ measure: 'MIT-15', legalBasis: '  EU 2021/821 Annex I, 5A002  ' })];
    const decision = proposeMitigationPlan(snapshot(), 'plan-1', measures, 'reviewer-1', NOW);
    expect(decision.next.workflow.mitigationPlan?.measures[0].legalBasis).toBe('EU 2021/821 Annex I, 5A002');
  });

  it('drops a blank legal basis on a measure that needs none', () => {
    const decision = proposeMitigationPlan(snapshot(), 'plan-1', [proposed({ legalBasis: ' ' })], 'reviewer-1', NOW);
    expect(decision.next.workflow.mitigationPlan?.measures[0].legalBasis).toBeNull();
  });

  it('refuses a measure outside the catalogue, naming the field', () => {
    const measures = [proposed(), proposed({ measureId: 'm-2', measure: 'MIT-99' })];
    expect(refusal(() => proposeMitigationPlan(snapshot(), 'plan-1', measures, 'reviewer-1', NOW))).toEqual({
      code: 'MITIGATION.UNKNOWN_MEASURE',
      kind: 'unprocessable',
      field: 'measures[1].measure',
    });
  });

  it('refuses a measure listed twice, naming the second', () => {
    const measures = [proposed(), proposed({ measureId: 'm-2', measure: 'MIT-07' }), proposed({ measureId: 'm-3' })];
    expect(refusal(() => proposeMitigationPlan(snapshot(), 'plan-1', measures, 'reviewer-1', NOW))).toEqual({
      code: 'MITIGATION.DUPLICATE_MEASURE',
      kind: 'unprocessable',
      field: 'measures[2].measure',
    });
  });

  it('replaces a plan still only proposed, and forgets the residual', () => {
    const residual = { planId: 'plan-1' } as ResidualRisk;
    const proposedOnce = withProposedPlan();
    const first = { ...proposedOnce, workflow: { ...proposedOnce.workflow, residual } };
    const decision = proposeMitigationPlan(first, 'plan-2', [proposed({ measureId: 'm-9', measure: 'MIT-11' })], 'reviewer-2', NOW);
    const plan = decision.next.workflow.mitigationPlan;
    expect(plan?.id).toBe('plan-2');
    expect(plan?.proposedBy).toBe('reviewer-2');
    expect(plan?.measures.map((m) => m.measure)).toEqual(['MIT-11']);
    expect(decision.next.workflow.residual).toBeNull();
    expect(decision.next.state).toBe('mitigation');
  });

  it('refuses to replace an agreed plan', () => {
    expect(refusal(() => proposeMitigationPlan(withAgreedPlan(), 'plan-2', twoMeasures, 'reviewer-1', NOW))?.code).toBe('MITIGATION.PLAN_AGREED');
  });

  it.each<CaseState>(['awaiting_disclosures', 'screening', 'decided', 'monitoring', 'withdrawn'])('is refused in state %s', (state) => {
    expect(refusal(() => proposeMitigationPlan(snapshot({}, { state }), 'plan-1', twoMeasures, 'reviewer-1', NOW))?.code).toBe('CASE.ILLEGAL_TRANSITION');
  });

  it('is refused without a screening of the current case version', () => {
    expect(refusal(() => proposeMitigationPlan(snapshot({}, { caseVersion: 2 }), 'plan-1', twoMeasures, 'reviewer-1', NOW))?.code).toBe('CASE.ILLEGAL_TRANSITION');
  });
});

describe('agreeMitigationPlan', () => {
  it('starts the due times from the agreement and requests a re-appraisal', () => {
    const decision = agreeMitigationPlan(withProposedPlan(), 'plan-1', 'applicant-1', AGREED_AT);
    expect(decision.next.state).toBe('screening');
    const plan = decision.next.workflow.mitigationPlan;
    expect(plan).toMatchObject({ status: 'agreed', agreedBy: 'applicant-1', agreedAt: AGREED_AT.toISOString() });
    expect(plan?.measures.map((m) => m.dueAt)).toEqual(['2026-04-03T12:00:00.000Z', '2026-03-14T12:00:00.000Z']);
    expect(decision.events.map((event) => event.type)).toEqual(['MitigationPlanAgreed', 'ScreeningRequested']);
    expect(decision.events[0].payload).toEqual({
      caseVersion: 1,
      planId: 'plan-1',
      measures: [
        { measureId: 'm-1', measure: 'MIT-03', strength: 'required', dueAt: '2026-04-03T12:00:00.000Z' },
        { measureId: 'm-2', measure: 'MIT-07', strength: 'recommended', dueAt: '2026-03-14T12:00:00.000Z' },
      ],
    });
    expect(decision.events[1].payload).toEqual({ caseVersion: 1, reason: 'mitigation plan agreed' });
  });

  it('forgets an earlier residual: the re-appraisal records the new one', () => {
    const current = withProposedPlan();
    const withResidual = { ...current, workflow: { ...current.workflow, residual: { planId: 'plan-0' } as ResidualRisk } };
    expect(agreeMitigationPlan(withResidual, 'plan-1', 'applicant-1', AGREED_AT).next.workflow.residual).toBeNull();
  });

  it('is refused for another plan or when there is none', () => {
    expect(refusal(() => agreeMitigationPlan(withProposedPlan(), 'plan-2', 'applicant-1', AGREED_AT))?.code).toBe('MITIGATION.NO_PLAN');
    expect(refusal(() => agreeMitigationPlan(snapshot(), 'plan-1', 'applicant-1', AGREED_AT))?.code).toBe('MITIGATION.NO_PLAN');
  });

  it('is refused once agreed', () => {
    expect(refusal(() => agreeMitigationPlan(withAgreedPlan(), 'plan-1', 'applicant-1', AGREED_AT))?.code).toBe('MITIGATION.PLAN_AGREED');
  });

  it('is refused while an escalation is open, not once it is answered', () => {
    const escalated = withProposedPlan({ escalations: [openEscalation] });
    expect(escalated.state).toBe('escalated');
    expect(refusal(() => agreeMitigationPlan(escalated, 'plan-1', 'applicant-1', AGREED_AT))?.code).toBe('MITIGATION.ESCALATION_OPEN');
    const answered = withProposedPlan({ escalations: [{ ...openEscalation, status: 'answered' }] });
    expect(agreeMitigationPlan(answered, 'plan-1', 'applicant-1', AGREED_AT).next.state).toBe('screening');
  });

  it('is refused on a case no longer in review', () => {
    const withdrawn = { ...withProposedPlan(), state: 'withdrawn' as const };
    expect(refusal(() => agreeMitigationPlan(withdrawn, 'plan-1', 'applicant-1', AGREED_AT))?.code).toBe('CASE.ILLEGAL_TRANSITION');
  });
});

describe('completeMeasure', () => {
  const document = { reference: 'dms://agreements/42', sha256: 'a'.repeat(64) };

  it('completes a measure of the agreed plan with its evidence and document', () => {
    const decision = completeMeasure(withAgreedPlan(), 'm-1', { evidence: 'agreement signed', document }, 'pi-1', DONE_AT);
    const measures = decision.next.workflow.mitigationPlan?.measures ?? [];
    expect(measures[0]).toMatchObject({
      status: 'completed',
      completion: { evidence: 'agreement signed', document, by: 'pi-1', at: DONE_AT.toISOString() },
    });
    expect(measures[1].status).toBe('pending');
    expect(decision.next.state).toBe('mitigation');
    expect(decision.events).toEqual([
      {
        type: 'MeasureCompleted',
        payload: { caseVersion: 1, planId: 'plan-1', measureId: 'm-1', measure: 'MIT-03', evidence: 'agreement signed', document, late: false },
      },
    ]);
  });

  it('marks a completion late when the measure was overdue', () => {
    const current = withAgreedPlan();
    const plan = current.workflow.mitigationPlan!;
    const overdue = {
      ...current,
      workflow: { ...current.workflow, mitigationPlan: { ...plan, measures: plan.measures.map((m) => (m.id === 'm-2' ? { ...m, overdueAt: '2026-03-14T12:00:00.000Z' } : m)) } },
    };
    const decision = completeMeasure(overdue, 'm-2', { evidence: 'training held', document: null }, 'pi-1', DONE_AT);
    expect(decision.events[0].payload).toMatchObject({ measureId: 'm-2', document: null, late: true });
  });

  it('is allowed after an approval with mitigation, in monitoring and during a re-appraisal', () => {
    expect(completeMeasure(withAgreedPlan('monitoring'), 'm-1', { evidence: 'x', document: null }, 'pi-1', DONE_AT).next.state).toBe('monitoring');
    expect(completeMeasure(withAgreedPlan('screening'), 'm-1', { evidence: 'x', document: null }, 'pi-1', DONE_AT).next.state).toBe('screening');
  });

  it('is refused before the plan is agreed', () => {
    expect(refusal(() => completeMeasure(withProposedPlan(), 'm-1', { evidence: 'x', document: null }, 'pi-1', DONE_AT))?.code).toBe('MITIGATION.PLAN_NOT_AGREED');
  });

  it('is refused twice', () => {
    const done = completeMeasure(withAgreedPlan(), 'm-1', { evidence: 'x', document: null }, 'pi-1', DONE_AT).next;
    expect(refusal(() => completeMeasure(done, 'm-1', { evidence: 'again', document: null }, 'pi-1', DONE_AT))?.code).toBe('MITIGATION.MEASURE_COMPLETED');
  });

  it('is refused for an unknown measure or without a plan', () => {
    expect(refusal(() => completeMeasure(withAgreedPlan(), 'm-9', { evidence: 'x', document: null }, 'pi-1', DONE_AT))?.code).toBe('MITIGATION.NO_MEASURE');
    expect(refusal(() => completeMeasure(snapshot(), 'm-1', { evidence: 'x', document: null }, 'pi-1', DONE_AT))?.code).toBe('MITIGATION.NO_MEASURE');
  });

  it.each<CaseState>(['decided', 'cleared', 'withdrawn'])('is refused on a case %s', (state) => {
    expect(refusal(() => completeMeasure(withAgreedPlan(state), 'm-1', { evidence: 'x', document: null }, 'pi-1', DONE_AT))?.code).toBe('CASE.ILLEGAL_TRANSITION');
  });
});
