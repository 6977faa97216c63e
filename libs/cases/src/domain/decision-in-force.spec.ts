import { decisionInForce, earlierDecisionEnds, type DecisionHistoryEvent } from './decision-in-force';
import { EMPTY_WORKFLOW, type AppealRecord, type CaseWorkflow, type DecisionRecord } from './case-workflow';

const event = (type: string, at: string, payload: Record<string, unknown> = {}): DecisionHistoryEvent => ({ type, payload, occurredAt: new Date(at) });

const record = (id: string, overrides: Partial<DecisionRecord> = {}): DecisionRecord => ({
  id,
  caseVersion: 1,
  assessmentId: 'a-1',
  outcome: 'declined',
  reasonCodes: ['RS-T-002'],
  rationale: 'dual use',
  conditions: [],
  approvers: ['k1', 'k2'],
  status: 'final',
  proposedAt: '2026-01-01T00:00:00.000Z',
  recordedAt: '2026-01-02T00:00:00.000Z',
  responseDueAt: null,
  applicantResponse: null,
  finalAt: '2026-01-20T00:00:00.000Z',
  appealDueAt: '2026-02-20T00:00:00.000Z',
  ...overrides,
});

const appeal = (decisionId: string, result: 'upheld' | 'overturned'): AppealRecord => ({
  id: 'ap-1',
  decisionId,
  grounds: 'g',
  lodgedBy: 'k3',
  lodgedAt: '2026-01-25T00:00:00.000Z',
  status: 'decided',
  result,
  decidedBy: 'k4',
  rationale: 'r',
  decidedAt: '2026-02-01T00:00:00.000Z',
});

const workflow = (changes: Partial<CaseWorkflow>): CaseWorkflow => ({ ...EMPTY_WORKFLOW, ...changes });

const systemDecision = event('DecisionRecorded', '2026-01-05T00:00:00.000Z', {
  decidedBy: 'system',
  outcome: 'proceed',
  caseVersion: 1,
  assessmentId: 'a-1',
  rationale: 'low risk',
  reasonCodes: ['RS-F-006'],
});

describe('the decision in force', () => {
  it('is none for a case never decided', () => {
    expect(decisionInForce('in_review', EMPTY_WORKFLOW, [])).toEqual({ decidedBy: null, why: 'none' });
  });

  it('is not a proposal awaiting its second approver', () => {
    const proposed = record('d1', { status: 'awaiting_second_approval', recordedAt: null, finalAt: null, approvers: ['k1'] });
    expect(decisionInForce('in_review', workflow({ decision: proposed }), [])).toEqual({ decidedBy: null, why: 'awaiting_second_approval' });
  });

  it('is the original decision once recorded, in its response window or final', () => {
    const inWindow = record('d1', { status: 'response_window', finalAt: null });
    expect(decisionInForce('decided', workflow({ decision: inWindow }), [])).toEqual({ decidedBy: 'approvers', record: inWindow });
    expect(decisionInForce('decided', workflow({ decision: record('d1') }), [])).toEqual({ decidedBy: 'approvers', record: record('d1') });
  });

  it('stays the decision after an appeal that upheld it', () => {
    const upheld = workflow({ decision: record('d1'), appeal: appeal('d1', 'upheld') });
    expect(decisionInForce('decided', upheld, [event('AppealDecided', '2026-02-01T00:00:00.000Z', { decisionId: 'd1', outcome: 'upheld' })])).toMatchObject({
      decidedBy: 'approvers',
      record: { id: 'd1' },
    });
  });

  it('is none, superseded, after an appeal overturned it and before a new decision', () => {
    const overturned = workflow({ decision: null, earlierDecisions: [record('d1')], appeal: appeal('d1', 'overturned') });
    expect(decisionInForce('in_review', overturned, [event('DecisionRecorded', '2026-01-02T00:00:00.000Z'), event('AppealDecided', '2026-02-01T00:00:00.000Z', { decisionId: 'd1', outcome: 'overturned' })])).toEqual({
      decidedBy: null,
      why: 'superseded',
    });
  });

  it('is the revised decision recorded after the first was set aside', () => {
    const revised = record('d2', { outcome: 'proceed_with_mitigation', recordedAt: '2026-03-01T00:00:00.000Z' });
    expect(decisionInForce('decided', workflow({ decision: revised, earlierDecisions: [record('d1')] }), [])).toEqual({ decidedBy: 'approvers', record: revised });
  });

  it('is the fast lane\'s system decision while the case is cleared, from its event (it has no record)', () => {
    expect(decisionInForce('cleared', EMPTY_WORKFLOW, [systemDecision])).toEqual({
      decidedBy: 'system',
      outcome: 'proceed',
      caseVersion: 1,
      assessmentId: 'a-1',
      rationale: 'low risk',
      reasonCodes: ['RS-F-006'],
      at: '2026-01-05T00:00:00.000Z',
    });
  });

  it('keeps the system decision while a change of circumstances is screened to return to cleared', () => {
    const rescreening = workflow({ rescreen: { returnTo: 'cleared', previousRuleCodes: [], previousLevel: 'low' } });
    expect(decisionInForce('screening', rescreening, [systemDecision])).toMatchObject({ decidedBy: 'system' });
  });

  it('is none, superseded, once a monitoring alert re-opened review of a fast-lane case', () => {
    expect(decisionInForce('in_review', EMPTY_WORKFLOW, [systemDecision, event('MonitoringAlertRaised', '2026-02-01T00:00:00.000Z')])).toEqual({
      decidedBy: null,
      why: 'superseded',
    });
  });
});

describe('how earlier decisions ended', () => {
  const decision = (id: string, finalAt: string) => ({ id, proposedAt: finalAt, recordedAt: finalAt, finalAt });

  it('names the appeal that overturned a decision, else the monitoring alert after it that re-opened review', () => {
    const ends = earlierDecisionEnds(
      [decision('d1', '2026-01-01T00:00:00.000Z'), decision('d2', '2026-02-01T00:00:00.000Z'), decision('d3', '2026-03-01T00:00:00.000Z')],
      [
        event('MonitoringAlertRaised', '2025-12-01T00:00:00.000Z'),
        event('AppealDecided', '2026-01-20T00:00:00.000Z', { decisionId: 'd1', outcome: 'overturned' }),
        event('AppealDecided', '2026-02-10T00:00:00.000Z', { decisionId: 'd2', outcome: 'upheld' }),
        event('MonitoringAlertRaised', '2026-02-15T00:00:00.000Z'),
      ],
    );
    expect(ends).toEqual([
      { how: 'overturned_on_appeal', at: '2026-01-20T00:00:00.000Z' },
      { how: 'review_reopened', at: '2026-02-15T00:00:00.000Z' },
      // Nothing in the record after d3: the letter says so rather than guess.
      null,
    ]);
  });
});
