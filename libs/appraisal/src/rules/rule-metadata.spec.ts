import { ruleCatalogue, ruleTitle } from './rule-metadata';

describe('rule titles for reason codes', () => {
  it('gives every catalogue rule its catalogue title', () => {
    for (const rule of ruleCatalogue()) expect(ruleTitle(rule.id)).toBe(rule.title);
  });

  it('names the engine rules a decision may cite: the fast lane, the matrix and the escalation routes', () => {
    expect(ruleTitle('RS-F-006')).toBe('Proportionality fast lane');
    expect(ruleTitle('RS-C-008')).toMatch(/Combination matrix/);
    expect(ruleTitle('RS-X-004')).toMatch(/legal/);
  });

  it('answers null for an id it does not know', () => {
    expect(ruleTitle('RS-Z-999')).toBeNull();
  });
});
