import type { CaseContent, Disclosure } from './case-content';
import { adjudicateListHit, amendCase, completeScreening, fileDisclosure, raiseMonitoringAlert, submitCase, withdrawCase } from './case-lifecycle';
import { DomainError } from '@ajar/kernel';

const disclosure: Disclosure = {
  affiliations: [{ organisation: { name: 'Univ. of Somewhere', country: 'NL' }, type: 'employment', paid: true }],
  supportSources: [],
  talentProgrammes: [],
  certifiedAt: '2026-11-01T10:00:00Z',
};

function content(refs: string[]): CaseContent {
  return {
    kind: 'collaboration',
    title: 'Quantum sensing collaboration',
    partners: [{ name: 'Acme Photonics BV', country: 'NL', type: 'company' }],
    fundingSources: [],
    personnel: refs.map((ref) => ({ ref, name: `Person ${ref}`, role: 'researcher' as const })),
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

describe('case lifecycle', () => {
  it('waits for disclosures while a listed person has none', () => {
    const decision = submitCase('c1', content(['p1', 'p2']), { p1: disclosure });
    expect(decision.next.state).toBe('awaiting_disclosures');
    expect(decision.events.map((event) => event.type)).toEqual(['CaseSubmitted', 'DisclosureFiled', 'DisclosureRequested']);
    expect(decision.events[2].payload).toEqual({ caseVersion: 1, personRefs: ['p2'] });
  });

  it('goes straight to screening when inline disclosures cover everyone', () => {
    const decision = submitCase('c1', content(['p1']), { p1: disclosure });
    expect(decision.next.state).toBe('screening');
    expect(decision.events.map((event) => event.type)).toEqual([
      'CaseSubmitted',
      'DisclosureFiled',
      'DisclosuresCompleted',
      'ScreeningRequested',
    ]);
  });

  it('does not ask again while other disclosures are still missing', () => {
    const waiting = submitCase('c1', content(['p1', 'p2', 'p3']), {}).next;
    const decision = fileDisclosure(waiting, 'p2', disclosure);
    expect(decision.next.state).toBe('awaiting_disclosures');
    expect(decision.events.map((event) => event.type)).toEqual(['DisclosureFiled']);
  });

  it('requests screening after the last disclosure is filed', () => {
    const waiting = submitCase('c1', content(['p1', 'p2']), { p1: disclosure }).next;
    const decision = fileDisclosure(waiting, 'p2', disclosure);
    expect(decision.next.state).toBe('screening');
    expect(decision.events.map((event) => event.type)).toEqual(['DisclosureFiled', 'DisclosuresCompleted', 'ScreeningRequested']);
  });

  it('accepts one certified disclosure per listed person only', () => {
    const waiting = submitCase('c1', content(['p1', 'p2']), { p1: disclosure }).next;
    expect(codeOf(() => fileDisclosure(waiting, 'p1', disclosure))).toBe('CASE.DISCLOSURE_ALREADY_FILED');
    expect(codeOf(() => fileDisclosure(waiting, 'p9', disclosure))).toBe('CASE.INVALID_CONTENT');
  });

  it('refuses duplicate person refs and disclosures for unknown persons', () => {
    expect(codeOf(() => submitCase('c1', content(['p1', 'p1']), {}))).toBe('CASE.INVALID_CONTENT');
    expect(codeOf(() => submitCase('c1', content(['p1']), { p2: disclosure }))).toBe('CASE.INVALID_CONTENT');
  });

  it('starts disclosures and screening again on amendment, with a new case version', () => {
    const screening = submitCase('c1', content(['p1']), { p1: disclosure }).next;
    const decision = amendCase(screening, content(['p1', 'p3']), {});
    expect(decision.next.caseVersion).toBe(2);
    expect(decision.next.state).toBe('awaiting_disclosures');
    expect(decision.next.disclosures).toEqual({});
    expect(decision.events[0]).toMatchObject({ type: 'CaseAmended', payload: { caseVersion: 2, previousState: 'screening' } });
  });

  it('refuses to amend or withdraw a final case', () => {
    const withdrawn = withdrawCase(submitCase('c1', content([]), {}).next, 'no longer pursued').next;
    expect(withdrawn.state).toBe('withdrawn');
    expect(codeOf(() => amendCase(withdrawn, content([]), {}))).toBe('CASE.ILLEGAL_TRANSITION');
    expect(codeOf(() => withdrawCase(withdrawn, 'again'))).toBe('CASE.ILLEGAL_TRANSITION');
    const cleared = { ...withdrawn, state: 'cleared' as const };
    expect(codeOf(() => amendCase(cleared, content([]), {}))).toBe('CASE.ILLEGAL_TRANSITION');
  });

  it('requests screening at once for a case without personnel', () => {
    const decision = submitCase('c1', content([]), {});
    expect(decision.next.state).toBe('screening');
    expect(decision.events.map((event) => event.type)).toEqual(['CaseSubmitted', 'ScreeningRequested']);
  });
});

describe('screening completion', () => {
  const outcome = {
    assessmentId: 'a1',
    caseVersion: 1,
    level: 'low' as const,
    route: 'auto_clear' as const,
    research: 'R1',
    counterparty: 'C0',
    integrity: 'I0',
    policy: { name: 'ajar-default', version: 0 },
    referenceLists: [],
    ruleCodes: [],
    escalationTargets: [],
  };
  const screening = submitCase('c1', content([]), {}).next;

  it('clears a fast-lane case with a system decision to proceed', () => {
    const decision = completeScreening(screening, outcome);
    expect(decision.next.state).toBe('cleared');
    expect(decision.events.map((event) => event.type)).toEqual(['ScreeningCompleted', 'DecisionRecorded']);
    expect(decision.events[1].payload).toMatchObject({ outcome: 'proceed', decidedBy: 'system', reasonCodes: ['RS-F-006'] });
  });

  it('sends review and escalate to a person', () => {
    expect(completeScreening(screening, { ...outcome, route: 'review', level: 'medium' }).next.state).toBe('in_review');
    const escalated = completeScreening(screening, { ...outcome, route: 'escalate', level: 'high', escalationTargets: ['national_advisor'] });
    expect(escalated.next.state).toBe('in_review');
    expect(escalated.events).toHaveLength(1);
  });

  it('never decides ineligibility itself: the case goes to a person, flagged', () => {
    const decision = completeScreening(screening, { ...outcome, route: 'not_eligible', level: 'blocked' });
    expect(decision.next.state).toBe('in_review');
    expect(decision.events.map((event) => event.type)).toEqual(['ScreeningCompleted']);
    expect(decision.events[0].payload).toMatchObject({ ineligibilityProposed: true });
  });

  it('refuses an assessment of another case version or a case no longer in screening', () => {
    expect(codeOf(() => completeScreening(screening, { ...outcome, caseVersion: 2 }))).toBe('CASE.ILLEGAL_TRANSITION');
    expect(codeOf(() => completeScreening({ ...screening, state: 'withdrawn' }, outcome))).toBe('CASE.ILLEGAL_TRANSITION');
  });
});

describe('list-hit adjudication', () => {
  const hit = { findingId: 'f1', rule: 'RS-L-003', subject: '/partners/0', listId: 'nro', entryId: 'e1', entryLastChange: '2026-01-01' };
  const inReview = { ...submitCase('c1', content([]), {}).next, state: 'in_review' as const };

  it('records the decision and screens the case again', () => {
    const decision = adjudicateListHit(inReview, hit, 'confirmed', 'same registration');
    expect(decision.next.state).toBe('screening');
    expect(decision.next.adjudications).toEqual([{ subject: '/partners/0', listId: 'nro', entryId: 'e1', decision: 'confirmed', entryLastChange: '2026-01-01' }]);
    expect(decision.events.map((event) => event.type)).toEqual(['ListHitAdjudicated', 'ScreeningRequested']);
    expect(decision.events[0].payload).toMatchObject({ hitId: 'f1', decision: 'confirmed', reason: 'same registration' });
  });

  it('replaces an earlier decision on the same subject and entry', () => {
    const first = adjudicateListHit(inReview, hit, 'confirmed', 'x').next;
    const second = adjudicateListHit({ ...first, state: 'in_review' }, hit, 'false_positive', 'different company').next;
    expect(second.adjudications).toHaveLength(1);
    expect(second.adjudications[0].decision).toBe('false_positive');
  });

  it('is refused outside review', () => {
    expect(codeOf(() => adjudicateListHit({ ...inReview, state: 'cleared' }, hit, 'confirmed', 'x'))).toBe('CASE.ILLEGAL_TRANSITION');
  });
});

describe('monitoring alerts', () => {
  const alert = { listId: 'watch', listVersion: 2, hits: [{ rule: 'RS-L-001', subject: '/partners/0', entryId: 's-2', matchedName: 'Kestrel Optics' }] };
  const cleared = { ...submitCase('c1', content([]), {}).next, state: 'cleared' as const };

  it('re-opens an approved case: alert, then screening again', () => {
    const decision = raiseMonitoringAlert(cleared, alert);
    expect(decision.next.state).toBe('screening');
    expect(decision.events.map((event) => event.type)).toEqual(['MonitoringAlertRaised', 'ScreeningRequested']);
    expect(decision.events[0].payload).toMatchObject({ previousState: 'cleared', listId: 'watch', listVersion: 2 });
  });

  it('leaves withdrawn cases and cases not yet screened alone', () => {
    expect(codeOf(() => raiseMonitoringAlert({ ...cleared, state: 'withdrawn' }, alert))).toBe('CASE.ILLEGAL_TRANSITION');
    expect(codeOf(() => raiseMonitoringAlert({ ...cleared, state: 'awaiting_disclosures' }, alert))).toBe('CASE.ILLEGAL_TRANSITION');
  });
});
