import { DomainError } from '@ajar/kernel';
import { caseContent, certifiedDisclosure } from '../testing/case-content.fixture';
import type { CaseSnapshot } from './case-lifecycle';
import {
  approveDecision,
  decideAppeal,
  finaliseDecision,
  lodgeAppeal,
  needsSecondApprover,
  proposeDecision,
  type DecisionTerms,
  type DecisionWindows,
} from './case-review';
import type { RiskLevel } from './case-state';
import {
  EMPTY_WORKFLOW,
  type CaseWorkflow,
  type DecisionOutcome,
  type EscalationRecord,
  type InformationRequest,
  type MitigationPlan,
  type ResidualRisk,
  type ScreeningSummary,
} from './case-workflow';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const windows: DecisionWindows = { responseWindowDays: 14, appealWindowDays: 30 };

function screening(level: RiskLevel = 'medium'): ScreeningSummary {
  return { assessmentId: 'a-1', caseVersion: 1, level, route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };
}

function snapshot(workflow: Partial<CaseWorkflow> = {}, overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    id: 'case-1',
    state: 'in_review',
    caseVersion: 1,
    content: caseContent(['p1']),
    disclosures: { p1: certifiedDisclosure },
    level: 'medium',
    adjudications: [],
    workflow: { ...EMPTY_WORKFLOW, screening: screening(), reviewer: 'reviewer-1', ...workflow },
    ...overrides,
  };
}

function terms(outcome: DecisionOutcome = 'proceed', overrides: Partial<DecisionTerms> = {}): DecisionTerms {
  return { decisionId: 'd-1', outcome, reasonCodes: outcome === 'declined' ? ['RS-C-001'] : [], rationale: 'Weighed the findings.', conditions: [], ...overrides };
}

const escalation: EscalationRecord = {
  id: 'esc-1',
  target: 'export_control',
  question: 'Is a licence needed?',
  advisorTenantId: null,
  recommendedBy: null,
  ruleCodes: [],
  requestedBy: 'reviewer-1',
  requestedAt: '2026-02-20T10:00:00.000Z',
  dueAt: '2026-03-06T10:00:00.000Z',
  status: 'open',
  advice: null,
  overdueAt: null,
  closedAt: null,
};

const informationRequest: InformationRequest = {
  id: 'req-1',
  question: 'Who funds the partner?',
  requestedBy: 'reviewer-1',
  requestedAt: '2026-02-27T10:00:00.000Z',
  dueAt: '2026-03-06T10:00:00.000Z',
  status: 'open',
  response: null,
  overdueAt: null,
};

function plan(status: MitigationPlan['status'], id = 'plan-1'): MitigationPlan {
  return {
    id,
    caseVersion: 1,
    status,
    proposedBy: 'reviewer-1',
    proposedAt: '2026-02-25T10:00:00.000Z',
    agreedBy: status === 'agreed' ? 'applicant-1' : null,
    agreedAt: status === 'agreed' ? '2026-02-26T10:00:00.000Z' : null,
    measures: [],
  };
}

function residual(planId: string): ResidualRisk {
  return {
    assessmentId: 'a-2',
    planId,
    inherentLevel: 'high',
    residualLevel: 'medium',
    mitigatedRules: ['RS-C-001'],
    unmitigatedRules: [],
    explanation: 'The data-access agreement addresses the partner finding.',
  };
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a domain error';
  }
  return undefined;
}

describe('proposeDecision', () => {
  it('records a proceed at medium risk at once and puts the case under monitoring', () => {
    const decision = proposeDecision(snapshot(), terms(), 'approver-1', windows, NOW);
    expect(decision.next.state).toBe('monitoring');
    expect(decision.next.workflow.decision).toMatchObject({ id: 'd-1', status: 'final', approvers: ['approver-1'], finalAt: NOW.toISOString() });
    expect(decision.events).toEqual([
      {
        type: 'DecisionRecorded',
        payload: expect.objectContaining({ decisionId: 'd-1', outcome: 'proceed', approvers: ['approver-1'], final: true, responseDueAt: null, assessmentId: 'a-1' }),
      },
    ]);
  });

  it('is refused while an escalation is open and not yet due', () => {
    const current = snapshot({ escalations: [escalation] }, { state: 'escalated' });
    expect(codeOf(() => proposeDecision(current, terms(), 'approver-1', windows, NOW))).toBe('DECISION.ESCALATION_OPEN');
  });

  it('is allowed once the open escalation is past its due time', () => {
    const current = snapshot({ escalations: [escalation] }, { state: 'escalated' });
    const decision = proposeDecision(current, terms(), 'approver-1', windows, new Date('2026-03-06T10:00:01.000Z'));
    expect(decision.next.state).toBe('monitoring');
  });

  it('is not held up by an answered escalation', () => {
    const current = snapshot({ escalations: [{ ...escalation, status: 'answered' }] });
    expect(proposeDecision(current, terms(), 'approver-1', windows, NOW).events[0].type).toBe('DecisionRecorded');
  });

  it('is refused while an information request is open and not yet due, allowed after', () => {
    const current = snapshot({ informationRequests: [informationRequest] });
    expect(codeOf(() => proposeDecision(current, terms(), 'approver-1', windows, NOW))).toBe('DECISION.INFORMATION_PENDING');
    expect(proposeDecision(current, terms(), 'approver-1', windows, new Date('2026-03-07T00:00:00.000Z')).next.state).toBe('monitoring');
    const answered = snapshot({ informationRequests: [{ ...informationRequest, status: 'answered' }] });
    expect(proposeDecision(answered, terms(), 'approver-1', windows, NOW).next.state).toBe('monitoring');
  });

  it('refuses proceed_with_mitigation without an agreed plan', () => {
    expect(codeOf(() => proposeDecision(snapshot(), terms('proceed_with_mitigation'), 'approver-1', windows, NOW))).toBe('DECISION.NO_AGREED_PLAN');
    const proposed = snapshot({ mitigationPlan: plan('proposed'), residual: residual('plan-1') }, { state: 'mitigation' });
    expect(codeOf(() => proposeDecision(proposed, terms('proceed_with_mitigation'), 'approver-1', windows, NOW))).toBe('DECISION.NO_AGREED_PLAN');
  });

  it('names the outcome field when the plan is missing', () => {
    try {
      proposeDecision(snapshot(), terms('proceed_with_mitigation'), 'approver-1', windows, NOW);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe('unprocessable');
      expect((error as DomainError).details).toEqual({ errors: [expect.objectContaining({ field: 'outcome' })] });
    }
  });

  it('refuses proceed_with_mitigation until the residual of that plan is recorded', () => {
    const noResidual = snapshot({ mitigationPlan: plan('agreed') }, { state: 'mitigation' });
    expect(codeOf(() => proposeDecision(noResidual, terms('proceed_with_mitigation'), 'approver-1', windows, NOW))).toBe('DECISION.RESIDUAL_PENDING');
    const otherPlan = snapshot({ mitigationPlan: plan('agreed'), residual: residual('plan-0') }, { state: 'mitigation' });
    expect(codeOf(() => proposeDecision(otherPlan, terms('proceed_with_mitigation'), 'approver-1', windows, NOW))).toBe('DECISION.RESIDUAL_PENDING');
  });

  it('records proceed_with_mitigation with an agreed plan and its residual', () => {
    const current = snapshot({ mitigationPlan: plan('agreed'), residual: residual('plan-1') }, { state: 'mitigation' });
    const decision = proposeDecision(current, terms('proceed_with_mitigation', { conditions: ['MIT-03'] }), 'approver-1', windows, NOW);
    expect(decision.next.state).toBe('monitoring');
    expect(decision.next.workflow.decision).toMatchObject({ outcome: 'proceed_with_mitigation', status: 'final', conditions: ['MIT-03'] });
  });

  it('waits for a second approver at high risk', () => {
    const current = snapshot({ screening: screening('high') }, { level: 'high' });
    const decision = proposeDecision(current, terms(), 'approver-1', windows, NOW);
    expect(decision.next.state).toBe('in_review');
    expect(decision.next.workflow.decision).toMatchObject({ status: 'awaiting_second_approval', approvers: ['approver-1'], recordedAt: null });
    expect(decision.events).toEqual([
      { type: 'DecisionProposed', payload: { caseVersion: 1, decisionId: 'd-1', outcome: 'proceed', reasonCodes: [], proposedBy: 'approver-1' } },
    ]);
    expect(codeOf(() => proposeDecision(decision.next, terms(), 'approver-2', windows, NOW))).toBe('DECISION.ALREADY_PROPOSED');
  });
});

describe('needsSecondApprover', () => {
  it.each<[DecisionOutcome, RiskLevel, boolean]>([
    ['proceed', 'low', false],
    ['proceed', 'medium', false],
    ['proceed_with_mitigation', 'medium', false],
    ['proceed', 'high', true],
    ['proceed_with_mitigation', 'very_high', true],
    ['declined', 'blocked', true],
    ['declined', 'low', true],
    ['not_eligible', 'medium', true],
  ])('%s at %s: %s', (outcome, level, expected) => {
    expect(needsSecondApprover(outcome, level)).toBe(expected);
  });
});

describe('approveDecision (four-eyes)', () => {
  const awaiting = proposeDecision(snapshot({ screening: screening('high') }, { level: 'high' }), terms(), 'approver-1', windows, NOW).next;
  const approvedAt = new Date('2026-03-03T10:00:00.000Z');

  it('refuses the proposer and the reviewer as second approver', () => {
    expect(codeOf(() => approveDecision(awaiting, 'approver-1', windows, approvedAt))).toBe('DECISION.FOUR_EYES');
    expect(codeOf(() => approveDecision(awaiting, 'reviewer-1', windows, approvedAt))).toBe('DECISION.FOUR_EYES');
  });

  it('records the decision with both approvers', () => {
    const decision = approveDecision(awaiting, 'approver-2', windows, approvedAt);
    expect(decision.next.state).toBe('monitoring');
    expect(decision.next.workflow.decision).toMatchObject({ status: 'final', approvers: ['approver-1', 'approver-2'], recordedAt: approvedAt.toISOString() });
    expect(decision.events[0]).toMatchObject({ type: 'DecisionRecorded', payload: { approvers: ['approver-1', 'approver-2'], final: true } });
  });

  it('opens the response window for an adverse outcome', () => {
    const proposed = proposeDecision(snapshot(), terms('declined'), 'approver-1', windows, NOW).next;
    expect(proposed.workflow.decision?.status).toBe('awaiting_second_approval');
    const decision = approveDecision(proposed, 'approver-2', windows, approvedAt);
    expect(decision.next.state).toBe('decided');
    expect(decision.next.workflow.decision).toMatchObject({ status: 'response_window', responseDueAt: '2026-03-17T10:00:00.000Z', finalAt: null });
    expect(decision.events[0].payload).toMatchObject({ final: false, responseDueAt: '2026-03-17T10:00:00.000Z' });
  });

  it('is refused when nothing awaits approval', () => {
    expect(codeOf(() => approveDecision(snapshot(), 'approver-2', windows, approvedAt))).toBe('DECISION.NOTHING_TO_APPROVE');
  });
});

describe('decideAppeal', () => {
  /** A declined decision, approved, finalised after its response window, then appealed. */
  function appealed(workflow: Partial<CaseWorkflow> = {}): CaseSnapshot {
    const proposed = proposeDecision(snapshot(workflow), terms('declined'), 'approver-1', windows, NOW).next;
    const decided = approveDecision(proposed, 'approver-2', windows, new Date('2026-03-03T10:00:00.000Z')).next;
    const final = finaliseDecision(decided, 'd-1', windows, new Date('2026-03-18T10:00:00.000Z'));
    if (!final) throw new Error('the response window should have closed');
    return lodgeAppeal(final.next, 'appeal-1', 'The partner is not the listed entity.', 'applicant-1', new Date('2026-03-20T10:00:00.000Z')).next;
  }
  const decidedAt = new Date('2026-03-25T10:00:00.000Z');

  it('returns an overturned case to review, the decision kept among the earlier ones', () => {
    const current = appealed();
    const overturned = current.workflow.decision;
    const decision = decideAppeal(current, 'overturned', 'Wrong entity.', 'approver-3', decidedAt);
    expect(decision.next.state).toBe('in_review');
    expect(decision.next.workflow.decision).toBeNull();
    expect(decision.next.workflow.earlierDecisions).toEqual([overturned]);
    expect(decision.next.workflow.appeal).toMatchObject({ status: 'decided', result: 'overturned', decidedBy: 'approver-3', decidedAt: decidedAt.toISOString() });
    expect(decision.events).toEqual([
      { type: 'AppealDecided', payload: { caseVersion: 1, appealId: 'appeal-1', decisionId: 'd-1', outcome: 'overturned', rationale: 'Wrong entity.' } },
    ]);
  });

  it('returns an overturned case to the review state its workflow gives', () => {
    expect(decideAppeal(appealed({ mitigationPlan: plan('proposed') }), 'overturned', 'r', 'approver-3', decidedAt).next.state).toBe('mitigation');
    const overdue = { ...escalation, dueAt: '2026-03-01T10:00:00.000Z' };
    expect(decideAppeal(appealed({ escalations: [overdue] }), 'overturned', 'r', 'approver-3', decidedAt).next.state).toBe('escalated');
  });

  it('lets a new decision be taken after an overturn', () => {
    const reopened = decideAppeal(appealed(), 'overturned', 'r', 'approver-3', decidedAt).next;
    const decision = proposeDecision(reopened, terms('proceed', { decisionId: 'd-2' }), 'approver-3', windows, new Date('2026-03-26T10:00:00.000Z'));
    expect(decision.next.state).toBe('monitoring');
    expect(decision.next.workflow.earlierDecisions.map((d) => d.id)).toEqual(['d-1']);
  });

  it('keeps the decision when the appeal is upheld', () => {
    const current = appealed();
    const decision = decideAppeal(current, 'upheld', 'Correct entity.', 'approver-3', decidedAt);
    expect(decision.next.state).toBe('decided');
    expect(decision.next.workflow.decision).toEqual(current.workflow.decision);
    expect(decision.next.workflow.earlierDecisions).toEqual([]);
    expect(decision.next.workflow.appeal?.result).toBe('upheld');
  });

  it('is decided only by someone who took no part in the decision or the review', () => {
    const current = appealed();
    for (const by of ['approver-1', 'approver-2', 'reviewer-1']) {
      expect(codeOf(() => decideAppeal(current, 'overturned', 'r', by, decidedAt))).toBe('APPEAL.NOT_INDEPENDENT');
    }
  });
});
