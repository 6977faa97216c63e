import { DEFAULT_POLICY } from '../policy/default-policy';
import { capCountryContext, inFastLane, matrixLevel } from './combine-level';

describe('RS-C-008 combination matrix', () => {
  it.each([
    ['R0', 'C0', 'low'], ['R0', 'C2', 'medium'], ['R0', 'C3', 'medium'],
    ['R1', 'C3', 'high'], ['R2', 'C1', 'medium'], ['R2', 'C2', 'high'],
    ['R3', 'C0', 'medium'], ['R3', 'C3', 'very_high'],
  ] as const)('%s × %s → %s (RULES §4.4)', (research, counterparty, level) => {
    expect(matrixLevel(DEFAULT_POLICY, { research, counterparty, integrity: 'I0' })).toBe(level);
  });

  it('C4 is always blocked', () => {
    expect(matrixLevel(DEFAULT_POLICY, { research: 'R0', counterparty: 'C4', integrity: 'I0' })).toBe('blocked');
  });

  it('raises one level for I+1 and two for I+2, capped at very high', () => {
    expect(matrixLevel(DEFAULT_POLICY, { research: 'R0', counterparty: 'C0', integrity: 'I+1' })).toBe('medium');
    expect(matrixLevel(DEFAULT_POLICY, { research: 'R1', counterparty: 'C2', integrity: 'I+2' })).toBe('very_high');
    expect(matrixLevel(DEFAULT_POLICY, { research: 'R3', counterparty: 'C3', integrity: 'I+2' })).toBe('very_high');
  });
});

describe('RS-F-002 country cap', () => {
  it('caps a country-only rise at the cap, keeps levels other signals justify', () => {
    expect(capCountryContext('high', 'low', 'medium')).toBe('medium');
    expect(capCountryContext('medium', 'low', 'low')).toBe('low');
    expect(capCountryContext('very_high', 'high', 'medium')).toBe('high');
    expect(capCountryContext('high', 'high', 'medium')).toBe('high');
    expect(capCountryContext('medium', 'low', 'medium')).toBe('medium');
  });
});

describe('RS-F-006 fast lane', () => {
  it('is R0/R1 × C0/C1 × I0 only', () => {
    expect(inFastLane({ research: 'R1', counterparty: 'C1', integrity: 'I0' })).toBe(true);
    expect(inFastLane({ research: 'R2', counterparty: 'C0', integrity: 'I0' })).toBe(false);
    expect(inFastLane({ research: 'R0', counterparty: 'C2', integrity: 'I0' })).toBe(false);
    expect(inFastLane({ research: 'R0', counterparty: 'C0', integrity: 'I+1' })).toBe(false);
  });
});
