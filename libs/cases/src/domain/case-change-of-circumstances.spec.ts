import { DomainError } from '@ajar/kernel';
import { caseContent, certifiedDisclosure } from '../testing/case-content.fixture';
import type { Disclosure } from './case-content';
import { completeScreening, reportChangeOfCircumstances, type CaseSnapshot, type ChangeOfCircumstances, type ScreeningOutcome } from './case-lifecycle';
import type { CaseState } from './case-state';
import { EMPTY_WORKFLOW, type CaseWorkflow, type DecisionRecord, type MitigationPlan } from './case-workflow';

const approval: DecisionRecord = {
  id: 'd-1',
  caseVersion: 1,
  assessmentId: 'a-1',
  outcome: 'proceed',
  reasonCodes: [],
  rationale: 'Acceptable risk.',
  conditions: [],
  approvers: ['approver-1'],
  status: 'final',
  proposedAt: '2026-02-01T10:00:00.000Z',
  recordedAt: '2026-02-01T10:00:00.000Z',
  responseDueAt: null,
  applicantResponse: null,
  finalAt: '2026-02-01T10:00:00.000Z',
  appealDueAt: null,
};

const reCertified: Disclosure = {
  ...certifiedDisclosure,
  affiliations: [...certifiedDisclosure.affiliations, { organisation: { name: 'Kestrel Optics', country: 'CN' }, type: 'adjunct', paid: true }],
  certifiedAt: '2026-04-01T10:00:00Z',
};

function snapshot(state: CaseState = 'monitoring', workflow: Partial<CaseWorkflow> = {}): CaseSnapshot {
  return {
    id: 'case-1',
    state,
    caseVersion: 1,
    content: caseContent(['p1', 'p2']),
    disclosures: { p1: certifiedDisclosure, p2: certifiedDisclosure },
    level: 'medium',
    adjudications: [],
    workflow: {
      ...EMPTY_WORKFLOW,
      screening: { assessmentId: 'a-1', caseVersion: 1, level: 'medium', route: 'review', research: 'R1', ruleCodes: ['RS-C-001', 'RS-T-002'], escalationTargets: [] },
      reviewer: 'reviewer-1',
      decision: approval,
      ...workflow,
    },
  };
}

function change(overrides: Partial<ChangeOfCircumstances> = {}): ChangeOfCircumstances {
  return { partners: [], personnel: [], disclosures: {}, ...overrides };
}

const newPartner = { name: 'Kestrel Optics Ltd', country: 'CN', type: 'company' as const };
const newMember = { ref: 'p3', name: 'Person p3', role: 'visitor' as const };

function outcome(overrides: Partial<ScreeningOutcome> = {}): ScreeningOutcome {
  return {
    assessmentId: 'a-2',
    caseVersion: 2,
    level: 'medium',
    route: 'review',
    research: 'R1',
    counterparty: 'C1',
    integrity: 'I0',
    policy: { name: 'ajar-default', version: 1 },
    referenceLists: [],
    ruleCodes: ['RS-C-001', 'RS-T-002'],
    escalationTargets: [],
    ...overrides,
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

describe('reportChangeOfCircumstances', () => {
  it('adds a new partner as a new case version and requests screening', () => {
    const decision = reportChangeOfCircumstances(snapshot(), change({ partners: [newPartner] }));
    expect(decision.next.state).toBe('screening');
    expect(decision.next.caseVersion).toBe(2);
    expect(decision.next.content.partners.map((partner) => partner.name)).toEqual(['Acme Photonics B.V.', 'Kestrel Optics Ltd']);
    expect(decision.events.map((event) => event.type)).toEqual(['ChangeOfCircumstancesReported', 'ScreeningRequested']);
    expect(decision.events[0].payload).toMatchObject({ caseVersion: 2, kinds: ['new_partner'] });
    expect(decision.events[1].payload).toEqual({ caseVersion: 2, reason: 'change of circumstances' });
  });

  it('remembers what the case was for the re-screening and forgets the old screening', () => {
    const decision = reportChangeOfCircumstances(snapshot(), change({ partners: [newPartner] }));
    expect(decision.next.workflow.rescreen).toEqual({ returnTo: 'monitoring', previousRuleCodes: ['RS-C-001', 'RS-T-002'], previousLevel: 'medium' });
    expect(decision.next.workflow.screening).toBeNull();
    expect(decision.next.workflow.decision).toEqual(approval);
  });

  it('adds a new team member with a certified disclosure', () => {
    const decision = reportChangeOfCircumstances(snapshot(), change({ personnel: [newMember], disclosures: { p3: certifiedDisclosure } }));
    expect(decision.events.map((event) => event.type)).toEqual(['ChangeOfCircumstancesReported', 'DisclosureFiled', 'ScreeningRequested']);
    expect(decision.events[0].payload).toMatchObject({ kinds: ['new_team_member'] });
    expect(decision.events[1].payload).toMatchObject({ caseVersion: 2, personRef: 'p3' });
    expect(decision.next.content.personnel.map((person) => person.ref)).toEqual(['p1', 'p2', 'p3']);
    expect(Object.keys(decision.next.disclosures).sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('refuses a new team member without a disclosure', () => {
    expect(codeOf(() => reportChangeOfCircumstances(snapshot(), change({ personnel: [newMember] })))).toBe('CASE.INVALID_CONTENT');
  });

  it('takes a re-certified disclosure of a listed person as a new affiliation', () => {
    const decision = reportChangeOfCircumstances(snapshot(), change({ disclosures: { p1: reCertified } }));
    expect(decision.events[0].payload).toMatchObject({ kinds: ['new_affiliation'] });
    expect(decision.events[1]).toMatchObject({ type: 'DisclosureFiled', payload: { caseVersion: 2, personRef: 'p1' } });
    expect(decision.next.disclosures.p1).toEqual(reCertified);
    expect(decision.next.disclosures.p2).toEqual(certifiedDisclosure);
  });

  it('names every kind of change reported together', () => {
    const decision = reportChangeOfCircumstances(
      snapshot(),
      change({ partners: [newPartner], personnel: [newMember], disclosures: { p3: certifiedDisclosure, p2: reCertified } }),
    );
    expect(decision.events[0].payload).toMatchObject({ kinds: ['new_partner', 'new_team_member', 'new_affiliation'] });
    expect(decision.events.filter((event) => event.type === 'DisclosureFiled')).toHaveLength(2);
  });

  it('refuses an empty change, a disclosure for an unknown person and a ref used twice', () => {
    expect(codeOf(() => reportChangeOfCircumstances(snapshot(), change()))).toBe('CASE.INVALID_CONTENT');
    expect(codeOf(() => reportChangeOfCircumstances(snapshot(), change({ disclosures: { p9: certifiedDisclosure } })))).toBe('CASE.INVALID_CONTENT');
    const duplicate = { ...newMember, ref: 'p1' };
    expect(codeOf(() => reportChangeOfCircumstances(snapshot(), change({ personnel: [duplicate], disclosures: { p1: certifiedDisclosure } })))).toBe(
      'CASE.INVALID_CONTENT',
    );
  });

  it('is allowed from cleared', () => {
    const decision = reportChangeOfCircumstances(snapshot('cleared'), change({ partners: [newPartner] }));
    expect(decision.next.state).toBe('screening');
    expect(decision.next.workflow.rescreen?.returnTo).toBe('cleared');
  });

  it.each<CaseState>(['submitted', 'awaiting_disclosures', 'screening', 'in_review', 'escalated', 'mitigation', 'decided', 'withdrawn'])(
    'is refused in state %s',
    (state) => {
      expect(codeOf(() => reportChangeOfCircumstances(snapshot(state), change({ partners: [newPartner] })))).toBe('CASE.ILLEGAL_TRANSITION');
    },
  );
});

describe('completeScreening after a change of circumstances', () => {
  const rescreening = reportChangeOfCircumstances(snapshot(), change({ partners: [newPartner] })).next;

  it('returns to where the case was when no new rule fires and the level does not rise', () => {
    const decision = completeScreening(rescreening, outcome());
    expect(decision.events.map((event) => event.type)).toEqual(['ScreeningCompleted']);
    expect(decision.next.state).toBe('monitoring');
    expect(decision.next.workflow.rescreen).toBeNull();
    expect(decision.next.workflow.decision).toEqual(approval);
    expect(decision.next.workflow.earlierDecisions).toEqual([]);
    expect(decision.next.workflow.screening).toMatchObject({ assessmentId: 'a-2', caseVersion: 2 });
  });

  it('returns to cleared without a new system decision, even on the fast lane', () => {
    const fromCleared = reportChangeOfCircumstances(snapshot('cleared'), change({ partners: [newPartner] })).next;
    const decision = completeScreening(fromCleared, outcome({ route: 'auto_clear', level: 'low', ruleCodes: [] }));
    expect(decision.events.map((event) => event.type)).toEqual(['ScreeningCompleted']);
    expect(decision.next.state).toBe('cleared');
    expect(decision.next.level).toBe('low');
  });

  it('raises an alert and re-opens review when a new rule fires', () => {
    const decision = completeScreening(rescreening, outcome({ ruleCodes: ['RS-C-001', 'RS-L-003', 'RS-T-002'] }));
    expect(decision.events.map((event) => event.type)).toEqual(['ScreeningCompleted', 'MonitoringAlertRaised']);
    expect(decision.events[1].payload).toEqual({
      caseVersion: 2,
      reason: 'change_of_circumstances',
      previousState: 'monitoring',
      previousLevel: 'medium',
      level: 'medium',
      ruleCodes: ['RS-L-003'],
    });
    expect(decision.next.state).toBe('in_review');
    expect(decision.next.workflow.decision).toBeNull();
    expect(decision.next.workflow.earlierDecisions).toEqual([approval]);
    expect(decision.next.workflow.rescreen).toBeNull();
  });

  it('raises an alert when the level rises, with no new rule', () => {
    const decision = completeScreening(rescreening, outcome({ level: 'high' }));
    expect(decision.events[1]).toMatchObject({ type: 'MonitoringAlertRaised', payload: { previousLevel: 'medium', level: 'high', ruleCodes: [] } });
    expect(decision.next.state).toBe('in_review');
    expect(decision.next.level).toBe('high');
    expect(decision.next.workflow.earlierDecisions).toEqual([approval]);
  });

  it('does not raise an alert for a lower level and fewer rules', () => {
    const decision = completeScreening(rescreening, outcome({ level: 'low', ruleCodes: ['RS-T-002'] }));
    expect(decision.events).toHaveLength(1);
    expect(decision.next.state).toBe('monitoring');
  });

  it('re-opens into mitigation when the approval had an agreed plan', () => {
    const plan: MitigationPlan = {
      id: 'plan-1',
      caseVersion: 1,
      status: 'agreed',
      proposedBy: 'reviewer-1',
      proposedAt: '2026-01-20T10:00:00.000Z',
      agreedBy: 'applicant-1',
      agreedAt: '2026-01-25T10:00:00.000Z',
      measures: [],
    };
    const withPlan = reportChangeOfCircumstances(snapshot('monitoring', { mitigationPlan: plan }), change({ partners: [newPartner] })).next;
    expect(completeScreening(withPlan, outcome({ ruleCodes: ['RS-L-003'] })).next.state).toBe('mitigation');
  });
});
