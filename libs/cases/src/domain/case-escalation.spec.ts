import { reviewSnapshot } from '../testing/review-snapshot.fixture';
import { DomainError } from '@ajar/kernel';
import type { CaseSnapshot } from './case-lifecycle';
import {
  answerInformationRequest,
  raiseEscalation,
  receiveAdvice,
  requestInformation,
  withdrawEscalation,
  type EscalationTerms,
} from './case-escalation';
import type { CaseState } from './case-state';
import {
  type CaseWorkflow,
  type DecisionRecord,
  type EscalationRecord,
  type InformationRequest,
  type MitigationPlan,
  type ScreeningSummary,
} from './case-workflow';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const LATER = new Date('2026-03-05T09:15:00.000Z');

const screening: ScreeningSummary = {
  assessmentId: 'a-1',
  caseVersion: 1,
  level: 'high',
  route: 'escalate',
  research: 'R2',
  ruleCodes: ['RS-L-003', 'RS-C-001', 'RS-T-004'],
  escalationTargets: ['national_advisor', 'export_control'],
  escalationRecommendation: [
    { target: 'national_advisor', rule: 'RS-X-002', triggeredBy: ['RS-L-003', 'RS-C-001'] },
    { target: 'export_control', rule: 'RS-X-003', triggeredBy: ['RS-T-004'] },
  ],
};

function snapshot(workflow: Partial<CaseWorkflow> = {}, overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return reviewSnapshot(screening, workflow, overrides);
}

function escalation(overrides: Partial<EscalationRecord> = {}): EscalationRecord {
  return {
    id: 'esc-1',
    target: 'ethics_committee',
    question: 'Is this ethically acceptable?',
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
    ...overrides,
  };
}

function informationRequest(overrides: Partial<InformationRequest> = {}): InformationRequest {
  return {
    id: 'req-1',
    question: 'Who funds the partner?',
    requestedBy: 'reviewer-1',
    requestedAt: NOW.toISOString(),
    dueAt: '2026-03-09T10:00:00.000Z',
    status: 'open',
    response: null,
    overdueAt: null,
    ...overrides,
  };
}

const proposedPlan: MitigationPlan = {
  id: 'plan-1',
  caseVersion: 1,
  status: 'proposed',
  proposedBy: 'reviewer-1',
  proposedAt: NOW.toISOString(),
  agreedBy: null,
  agreedAt: null,
  measures: [],
};

function terms(overrides: Partial<EscalationTerms> = {}): EscalationTerms {
  return {
    escalationId: 'esc-1',
    target: 'national_advisor',
    question: 'Is the partner of concern to national security?',
    advisorTenantId: 'advisor-tenant',
    slaDays: 14,
    ...overrides,
  };
}

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

const advisor = { keyId: 'key-advisor', tenantId: 'advisor-tenant' };

describe('raiseEscalation', () => {
  it('records the escalation and moves the case to escalated', () => {
    const decision = raiseEscalation(snapshot(), terms(), 'reviewer-1', NOW);
    expect(decision.next.state).toBe('escalated');
    expect(decision.next.workflow.escalations).toEqual([
      {
        id: 'esc-1',
        target: 'national_advisor',
        question: 'Is the partner of concern to national security?',
        advisorTenantId: 'advisor-tenant',
        recommendedBy: 'RS-X-002',
        ruleCodes: ['RS-L-003', 'RS-C-001'],
        requestedBy: 'reviewer-1',
        requestedAt: '2026-03-02T10:00:00.000Z',
        dueAt: '2026-03-16T10:00:00.000Z',
        status: 'open',
        advice: null,
        overdueAt: null,
        closedAt: null,
      },
    ]);
    expect(decision.events).toEqual([
      {
        type: 'EscalationRaised',
        payload: {
          caseVersion: 1,
          escalationId: 'esc-1',
          target: 'national_advisor',
          question: 'Is the partner of concern to national security?',
          advisorTenantId: 'advisor-tenant',
          recommendedBy: 'RS-X-002',
          ruleCodes: ['RS-L-003', 'RS-C-001'],
          dueAt: '2026-03-16T10:00:00.000Z',
        },
      },
    ]);
  });

  it('sets the due time from the SLA in days', () => {
    const decision = raiseEscalation(snapshot(), terms({ target: 'legal', advisorTenantId: null, slaDays: 3 }), 'reviewer-1', NOW);
    expect(decision.next.workflow.escalations[0].dueAt).toBe('2026-03-05T10:00:00.000Z');
  });

  it('carries the recommendation for its own target only, and none when the engine made none', () => {
    const exportControl = raiseEscalation(snapshot(), terms({ target: 'export_control', advisorTenantId: null }), 'reviewer-1', NOW);
    expect(exportControl.next.workflow.escalations[0]).toMatchObject({ recommendedBy: 'RS-X-003', ruleCodes: ['RS-T-004'] });
    const legal = raiseEscalation(snapshot(), terms({ target: 'legal', advisorTenantId: null }), 'reviewer-1', NOW);
    expect(legal.next.workflow.escalations[0]).toMatchObject({ recommendedBy: null, ruleCodes: [] });
    const oldRow = snapshot({ screening: { ...screening, escalationRecommendation: undefined } });
    expect(raiseEscalation(oldRow, terms(), 'reviewer-1', NOW).next.workflow.escalations[0]).toMatchObject({ recommendedBy: null, ruleCodes: [] });
  });

  it('does not share the recommendation array with the screening', () => {
    const current = snapshot();
    const decision = raiseEscalation(current, terms(), 'reviewer-1', NOW);
    decision.next.workflow.escalations[0].ruleCodes.push('RS-X-999');
    expect(current.workflow.screening?.escalationRecommendation?.[0].triggeredBy).toEqual(['RS-L-003', 'RS-C-001']);
  });

  it('moves a case in mitigation to escalated', () => {
    const decision = raiseEscalation(snapshot({ mitigationPlan: proposedPlan }, { state: 'mitigation' }), terms(), 'reviewer-1', NOW);
    expect(decision.next.state).toBe('escalated');
  });

  it.each<CaseState>(['submitted', 'awaiting_disclosures', 'screening', 'decided', 'cleared', 'monitoring', 'withdrawn'])('is refused in state %s', (state) => {
    expect(refusal(() => raiseEscalation(snapshot({}, { state }), terms(), 'reviewer-1', NOW))?.code).toBe('CASE.ILLEGAL_TRANSITION');
  });

  it('is refused without a screening of the current case version', () => {
    expect(refusal(() => raiseEscalation(snapshot({ screening: null }), terms(), 'reviewer-1', NOW))?.code).toBe('CASE.ILLEGAL_TRANSITION');
    expect(refusal(() => raiseEscalation(snapshot({}, { caseVersion: 2 }), terms(), 'reviewer-1', NOW))?.code).toBe('CASE.ILLEGAL_TRANSITION');
  });

  it('is refused while a decision awaits its second approval', () => {
    const decision = { id: 'd-1', status: 'awaiting_second_approval' } as DecisionRecord;
    expect(refusal(() => raiseEscalation(snapshot({ decision }), terms(), 'reviewer-1', NOW))?.code).toBe('CASE.ILLEGAL_TRANSITION');
  });

  it('allows one open escalation per target', () => {
    const escalated = raiseEscalation(snapshot(), terms(), 'reviewer-1', NOW).next;
    expect(refusal(() => raiseEscalation(escalated, terms({ escalationId: 'esc-2' }), 'reviewer-1', NOW))).toEqual({
      code: 'ESCALATION.ALREADY_OPEN',
      kind: 'conflict',
    });
    const second = raiseEscalation(escalated, terms({ escalationId: 'esc-2', target: 'legal', advisorTenantId: null }), 'reviewer-1', NOW);
    expect(second.next.workflow.escalations.map((e) => e.target)).toEqual(['national_advisor', 'legal']);
  });

  it('allows a new escalation to a target whose earlier one is answered', () => {
    const answered = snapshot({ escalations: [escalation({ target: 'national_advisor', advisorTenantId: 'advisor-tenant', status: 'answered' })] });
    const decision = raiseEscalation(answered, terms({ escalationId: 'esc-2' }), 'reviewer-1', NOW);
    expect(decision.next.workflow.escalations).toHaveLength(2);
    expect(decision.next.state).toBe('escalated');
  });

  it('names the advisor for a national advisor, and only then', () => {
    expect(refusal(() => raiseEscalation(snapshot(), terms({ advisorTenantId: null }), 'reviewer-1', NOW))).toEqual({
      code: 'ESCALATION.ADVISOR',
      kind: 'unprocessable',
      field: 'advisorTenantId',
    });
    expect(refusal(() => raiseEscalation(snapshot(), terms({ target: 'legal' }), 'reviewer-1', NOW))).toEqual({
      code: 'ESCALATION.ADVISOR',
      kind: 'unprocessable',
      field: 'advisorTenantId',
    });
  });
});

describe('receiveAdvice', () => {
  const advice = { recommendation: 'proceed_with_conditions' as const, text: 'Proceed with an export licence check.' };

  it('records the answer and returns the case to review', () => {
    const current = snapshot({ escalations: [escalation()] }, { state: 'escalated' });
    const decision = receiveAdvice(current, 'esc-1', advice, advisor, LATER);
    expect(decision.next.state).toBe('in_review');
    expect(decision.next.workflow.escalations[0]).toMatchObject({
      status: 'answered',
      closedAt: LATER.toISOString(),
      advice: { recommendation: 'proceed_with_conditions', text: 'Proceed with an export licence check.', by: 'key-advisor', byTenantId: 'advisor-tenant', at: LATER.toISOString() },
    });
    expect(decision.events).toEqual([
      {
        type: 'AdviceReceived',
        payload: {
          caseVersion: 1,
          escalationId: 'esc-1',
          target: 'ethics_committee',
          recommendation: 'proceed_with_conditions',
          advice: 'Proceed with an export licence check.',
          byTenantId: 'advisor-tenant',
        },
      },
    ]);
  });

  it('returns the case to mitigation when a plan exists', () => {
    const current = snapshot({ escalations: [escalation()], mitigationPlan: proposedPlan }, { state: 'escalated' });
    expect(receiveAdvice(current, 'esc-1', advice, advisor, LATER).next.state).toBe('mitigation');
  });

  it('keeps the case escalated while another escalation is open', () => {
    const other = escalation({ id: 'esc-2', target: 'legal' });
    const current = snapshot({ escalations: [escalation(), other] }, { state: 'escalated' });
    const decision = receiveAdvice(current, 'esc-1', advice, advisor, LATER);
    expect(decision.next.state).toBe('escalated');
    expect(decision.next.workflow.escalations[1]).toEqual(other);
  });

  it('keeps an amended case awaiting its disclosures: the new screening settles the review state', () => {
    const current = snapshot({ escalations: [escalation()], screening: null }, { state: 'awaiting_disclosures' });
    const decision = receiveAdvice(current, 'esc-1', advice, advisor, LATER);
    expect(decision.next.state).toBe('awaiting_disclosures');
    expect(decision.next.workflow.escalations[0].status).toBe('answered');
  });

  it('keeps the case in screening while a re-appraisal runs', () => {
    const current = snapshot({ escalations: [escalation()] }, { state: 'screening' });
    const decision = receiveAdvice(current, 'esc-1', advice, advisor, LATER);
    expect(decision.next.state).toBe('screening');
    expect(decision.next.workflow.escalations[0].status).toBe('answered');
  });

  it('is refused for an escalation already answered or withdrawn, or unknown', () => {
    const current = snapshot({ escalations: [escalation({ status: 'answered' }), escalation({ id: 'esc-2', target: 'legal', status: 'withdrawn' })] });
    expect(refusal(() => receiveAdvice(current, 'esc-1', advice, advisor, LATER))?.code).toBe('ESCALATION.CLOSED');
    expect(refusal(() => receiveAdvice(current, 'esc-2', advice, advisor, LATER))?.code).toBe('ESCALATION.CLOSED');
    expect(refusal(() => receiveAdvice(current, 'esc-9', advice, advisor, LATER))?.code).toBe('ESCALATION.NOT_FOUND');
  });

  it.each<CaseState>(['decided', 'cleared', 'monitoring', 'withdrawn'])('is refused on a case %s', (state) => {
    const current = snapshot({ escalations: [escalation()] }, { state });
    expect(refusal(() => receiveAdvice(current, 'esc-1', advice, advisor, LATER))?.code).toBe('CASE.ILLEGAL_TRANSITION');
  });
});

describe('withdrawEscalation', () => {
  it('withdraws an open escalation and returns the case to review', () => {
    const current = snapshot({ escalations: [escalation()] }, { state: 'escalated' });
    const decision = withdrawEscalation(current, 'esc-1', 'answered by the legal team', LATER);
    expect(decision.next.state).toBe('in_review');
    expect(decision.next.workflow.escalations[0]).toMatchObject({ status: 'withdrawn', closedAt: LATER.toISOString(), advice: null });
    expect(decision.events).toEqual([
      { type: 'EscalationWithdrawn', payload: { caseVersion: 1, escalationId: 'esc-1', target: 'ethics_committee', reason: 'answered by the legal team' } },
    ]);
  });

  it('returns to mitigation with a plan, and is refused twice or for an unknown escalation', () => {
    const current = snapshot({ escalations: [escalation()], mitigationPlan: proposedPlan }, { state: 'escalated' });
    const withdrawn = withdrawEscalation(current, 'esc-1', 'overtaken', LATER).next;
    expect(withdrawn.state).toBe('mitigation');
    expect(refusal(() => withdrawEscalation(withdrawn, 'esc-1', 'again', LATER))?.code).toBe('ESCALATION.CLOSED');
    expect(refusal(() => withdrawEscalation(withdrawn, 'esc-9', 'unknown', LATER))?.code).toBe('ESCALATION.NOT_FOUND');
  });
});

describe('requestInformation', () => {
  it('records an open request with its due time and leaves the state alone', () => {
    const current = snapshot({}, { state: 'mitigation' });
    const decision = requestInformation(current, 'req-1', 'Who funds the partner?', 7, 'reviewer-1', NOW);
    expect(decision.next.state).toBe('mitigation');
    expect(decision.next.workflow.informationRequests).toEqual([
      {
        id: 'req-1',
        question: 'Who funds the partner?',
        requestedBy: 'reviewer-1',
        requestedAt: '2026-03-02T10:00:00.000Z',
        dueAt: '2026-03-09T10:00:00.000Z',
        status: 'open',
        response: null,
        overdueAt: null,
      },
    ]);
    expect(decision.events).toEqual([
      { type: 'InformationRequested', payload: { caseVersion: 1, requestId: 'req-1', question: 'Who funds the partner?', dueAt: '2026-03-09T10:00:00.000Z' } },
    ]);
  });

  it('is refused outside review and without a screening of the current version', () => {
    expect(refusal(() => requestInformation(snapshot({}, { state: 'monitoring' }), 'req-1', 'q', 7, 'reviewer-1', NOW))?.code).toBe('CASE.ILLEGAL_TRANSITION');
    expect(refusal(() => requestInformation(snapshot({ screening: null }), 'req-1', 'q', 7, 'reviewer-1', NOW))?.code).toBe('CASE.ILLEGAL_TRANSITION');
  });
});

describe('answerInformationRequest', () => {
  it('records the answer', () => {
    const other = informationRequest({ id: 'req-2' });
    const current = snapshot({ informationRequests: [informationRequest(), other] });
    const decision = answerInformationRequest(current, 'req-1', 'A national research council.', 'applicant-1', LATER);
    expect(decision.next.workflow.informationRequests[0]).toMatchObject({
      status: 'answered',
      response: { text: 'A national research council.', by: 'applicant-1', at: LATER.toISOString() },
    });
    expect(decision.next.workflow.informationRequests[1]).toEqual(other);
    expect(decision.next.state).toBe('in_review');
    expect(decision.events).toEqual([{ type: 'ApplicantResponded', payload: { caseVersion: 1, requestId: 'req-1', response: 'A national research council.' } }]);
  });

  it('takes a late answer to an overdue request', () => {
    const current = snapshot({ informationRequests: [informationRequest({ overdueAt: '2026-03-09T10:00:00.000Z' })] });
    const decision = answerInformationRequest(current, 'req-1', 'late', 'applicant-1', new Date('2026-03-12T10:00:00.000Z'));
    expect(decision.next.workflow.informationRequests[0].status).toBe('answered');
  });

  it('is refused for an unknown or closed request, and on a withdrawn case', () => {
    const current = snapshot({ informationRequests: [informationRequest({ status: 'answered' }), informationRequest({ id: 'req-2' })] });
    expect(refusal(() => answerInformationRequest(current, 'req-9', 'x', 'applicant-1', LATER))?.code).toBe('INFORMATION.NOT_FOUND');
    expect(refusal(() => answerInformationRequest(current, 'req-1', 'x', 'applicant-1', LATER))?.code).toBe('INFORMATION.CLOSED');
    const withdrawn = { ...current, state: 'withdrawn' as const };
    expect(refusal(() => answerInformationRequest(withdrawn, 'req-2', 'x', 'applicant-1', LATER))?.code).toBe('CASE.ILLEGAL_TRANSITION');
  });
});
