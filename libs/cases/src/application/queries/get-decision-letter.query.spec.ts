import { earlierDecisionEnds, LetterEventRow, reasonsOf, StoredFinding } from './get-decision-letter.query';

const finding = (rule: string, ruleVersion: number, explanation: string): StoredFinding => ({
  id: `${rule}-${explanation}`,
  rule,
  ruleVersion,
  severity: 'S2',
  subject: '/partners/0',
  explanation,
});

describe('the reasons of a decision letter', () => {
  it('gives each reason code, in the decision\'s order, its rule title and the explanations of that rule\'s findings', () => {
    const reasons = reasonsOf(['RS-T-002', 'RS-F-006', 'RS-Q-123'], [finding('RS-T-002', 1, 'quantum'), finding('RS-L-001', 2, 'hit'), finding('RS-T-002', 2, 'photonics')]);
    expect(reasons.map((reason) => reason.code)).toEqual(['RS-T-002', 'RS-F-006', 'RS-Q-123']);
    expect(reasons[0]).toMatchObject({ title: expect.any(String), ruleVersions: [1, 2] });
    expect(reasons[0].findings.map((item) => item.explanation)).toEqual(['quantum', 'photonics']);
    expect(reasons[0].findings[0]).toEqual({ id: 'RS-T-002-quantum', subject: '/partners/0', severity: 'S2', ruleVersion: 1, explanation: 'quantum' });
    // An engine rule has a title but no findings; an unknown code keeps its code, without a title.
    expect(reasons[1]).toEqual({ code: 'RS-F-006', title: 'Proportionality fast lane', ruleVersions: [], findings: [] });
    expect(reasons[2]).toEqual({ code: 'RS-Q-123', title: null, ruleVersions: [], findings: [] });
  });
});

describe('how earlier decisions ended', () => {
  const event = (type: string, at: string, payload: Record<string, unknown> = {}): LetterEventRow => ({ type, payload, occurred_at: new Date(at) });
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
