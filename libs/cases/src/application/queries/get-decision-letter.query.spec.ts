import { reasonsOf, StoredFinding } from './get-decision-letter.query';

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

// Which decision is in force, and how earlier ones ended: domain/decision-in-force.spec.ts.
