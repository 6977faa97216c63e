import { DEFAULT_POLICY } from './default-policy';
import { validatePolicy } from './validate-policy';

const reasonsAt = (doc: unknown) => {
  const result = validatePolicy(doc);
  return result.ok ? [] : result.errors.map((e) => e.path);
};

describe('validatePolicy', () => {
  it('accepts the default policy unchanged and an empty document as the default', () => {
    expect(validatePolicy(JSON.parse(JSON.stringify(DEFAULT_POLICY)))).toEqual({ ok: true, policy: DEFAULT_POLICY });
    expect(validatePolicy({})).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  it('accepts packs, overrides and thresholds', () => {
    const result = validatePolicy({
      name: 'funder-x',
      version: 3,
      packs: ['US-FEDERAL', 'CA-STRAC'],
      rules: { 'RS-D-004': { thresholds: { maxPersonMonthsPerYear: 14 } }, 'RS-P-009': { enabled: false }, 'RS-L-001': { severity: 'S4' } },
      thresholds: { matchCandidate: 0.8 },
      responseWindowDays: 21,
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.policy.packs).toEqual(['CA-STRAC', 'US-FEDERAL']);
      expect(result.policy.thresholds.matchCandidate).toBe(0.8);
      expect(result.policy.rules['RS-P-009']).toEqual({ enabled: false });
    }
  });

  it.each([
    [{ rules: { 'RS-P-002': { when: 'person.nationality == "XB"' } } }, ['/rules/RS-P-002/when', '/rules/RS-P-002/when']],
    [{ rules: { 'RS-P-002': { citizenshipWeight: 2 } } }, ['/rules/RS-P-002/citizenshipWeight', '/rules/RS-P-002/citizenshipWeight']],
    [{ countryContext: { jurisdictions: [{ country: 'XB', legalBasis: 'x', counterparty: 'C1', placeOfBirth: true }] } }, ['/countryContext/jurisdictions/0/placeOfBirth']],
    [{ description: 'uses ethnicity' }, ['/description']],
    [{ countryOfBirth: ['XB'] }, ['/countryOfBirth', '/countryOfBirth']],
  ])('refuses any reference to person nationality, citizenship, ethnicity or birthplace (RS-F-001): %j', (doc, paths) => {
    const result = validatePolicy(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.some((e) => /RS-F-001/.test(e.reason))).toBe(true);
      for (const path of paths) expect(result.errors.map((e) => e.path)).toContain(path);
    }
  });

  it('refuses disabling or overriding any F rule', () => {
    expect(reasonsAt({ rules: { 'RS-F-001': { enabled: false } } })).toEqual(['/rules/RS-F-001/enabled']);
    expect(reasonsAt({ rules: { 'RS-F-006': { severity: 'S0' } } })).toEqual(['/rules/RS-F-006/severity']);
  });

  it('refuses country context that could alone raise a case above medium (RS-F-002)', () => {
    expect(reasonsAt({ countryContext: { cap: 'high' } })).toEqual(['/countryContext/cap']);
    expect(reasonsAt({ countryContext: { jurisdictions: [{ country: 'XB', legalBasis: 'Act §4', counterparty: 'C3' }] } })).toEqual([
      '/countryContext/jurisdictions/0/counterparty',
    ]);
    expect(reasonsAt({ countryContext: { jurisdictions: [{ country: 'XB', counterparty: 'C2' }] } })).toEqual([
      '/countryContext/jurisdictions/0/legalBasis',
    ]);
    const matrix = structuredClone(DEFAULT_POLICY.matrix) as Record<string, Record<string, string>>;
    matrix.R0.C2 = 'high';
    expect(reasonsAt({ matrix })).toEqual(['/matrix/R0/C2']);
  });

  it('refuses a matrix that closes the fast lane (RS-F-006) or softens a confirmed C4', () => {
    const matrix = structuredClone(DEFAULT_POLICY.matrix) as Record<string, Record<string, string>>;
    matrix.R1.C1 = 'medium';
    matrix.R2.C4 = 'high';
    expect(reasonsAt({ matrix })).toEqual(['/matrix/R2/C4', '/matrix/R1/C1']);
  });

  it('refuses not_eligible without a recorded basis', () => {
    expect(reasonsAt({ routing: { very_high: 'not_eligible' } })).toEqual(['/routing/very_high']);
    expect(reasonsAt({ rules: { 'RS-P-004': { effect: 'ineligible' } } })).toEqual(['/rules/RS-P-004/effect']);
    // RS-E-005 rests on an [M] item: never S4.
    expect(reasonsAt({ rules: { 'RS-E-005': { severity: 'S4' } } })).toEqual(['/rules/RS-E-005/severity']);
  });

  it('refuses unknown fields, rules and malformed values with a path for each', () => {
    expect(reasonsAt({ matrx: {} })).toEqual(['/matrx']);
    expect(reasonsAt({ rules: { 'RS-Z-001': {} } })).toEqual(['/rules/RS-Z-001']);
    expect(reasonsAt({ thresholds: { matchCandidate: 1.5 } })).toEqual(['/thresholds/matchCandidate']);
    expect(reasonsAt({ responseWindowDays: 0 })).toEqual(['/responseWindowDays']);
    expect(reasonsAt({ appealWindowDays: 400, slaDays: { legal: -1 } })).toEqual(['/appealWindowDays', '/slaDays/legal']);
    // Fractions of a day are durations too: short deadlines are configurable (and testable).
    expect(reasonsAt({ responseWindowDays: 0.5, appealWindowDays: 0.001, slaDays: { legal: 0.25 } })).toEqual([]);
    expect(reasonsAt('not a policy')).toEqual(['']);
  });
});
