import { DEFAULT_POLICY } from '@ajar/appraisal';
import { schemaProblems } from './policy-document-schema';

describe('the published policy document schema', () => {
  it('accepts the default policy and a partial document', () => {
    expect(schemaProblems(JSON.parse(JSON.stringify(DEFAULT_POLICY)))).toEqual([]);
    expect(schemaProblems({ packs: ['CA-STRAC'], responseWindowDays: 14, rules: { 'RS-D-001': { severity: 'S2' } } })).toEqual([]);
  });

  it('names the field and the reason of each problem', () => {
    expect(schemaProblems({ responseWindowDays: 0, packs: ['XX'], rules: { 'RS-D-001': { severity: 'S9' } }, colour: 'red' })).toEqual(
      expect.arrayContaining([
        { field: '/responseWindowDays', reason: 'must be > 0' },
        { field: '/packs/0', reason: 'must be equal to one of the allowed values' },
        { field: '/rules/RS-D-001/severity', reason: 'must be equal to one of the allowed values' },
        { field: '/colour', reason: 'must NOT have additional properties' },
      ]),
    );
  });

  it('refuses a malformed rule id', () => {
    expect(schemaProblems({ rules: { 'rule-1': { enabled: true } } }).length).toBeGreaterThan(0);
  });
});
