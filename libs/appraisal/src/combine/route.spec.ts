import type { Finding } from '../model/assessment';
import type { Effect } from '../model/levels';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { decideRoute } from './route';

const finding = (effect: Effect): Finding => ({
  rule: 'RS-X-000', ruleVersion: 1, severity: 'S2', effect, dimension: 'legal', subject: '', evidence: {}, explanation: '', mitigations: [],
});

describe('routing', () => {
  it('auto-clears the fast lane when no finding asks for a human', () => {
    expect(decideRoute(DEFAULT_POLICY, 'low', [finding('none')], true)).toBe('auto_clear');
    expect(decideRoute(DEFAULT_POLICY, 'low', [finding('review')], true)).toBe('review');
  });

  it('takes the most demanding of the level route and the finding effects', () => {
    expect(decideRoute(DEFAULT_POLICY, 'medium', [], false)).toBe('review');
    expect(decideRoute(DEFAULT_POLICY, 'very_high', [], false)).toBe('escalate');
    expect(decideRoute(DEFAULT_POLICY, 'low', [finding('escalate')], false)).toBe('escalate');
    expect(decideRoute(DEFAULT_POLICY, 'high', [finding('ineligible')], false)).toBe('not_eligible');
  });

  it('routes a blocked level not_eligible', () => {
    expect(decideRoute(DEFAULT_POLICY, 'blocked', [], false)).toBe('not_eligible');
  });
});
