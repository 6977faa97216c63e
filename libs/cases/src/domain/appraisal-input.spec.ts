import { appraisalInput } from './appraisal-input';
import type { CaseContent, Disclosure } from './case-content';

const content: CaseContent = {
  kind: 'collaboration',
  title: 'Sensors',
  exportControl: { relevant: true },
  partners: [{ name: 'Acme B.V.', country: 'NL', type: 'company' }],
  fundingSources: [],
  personnel: [
    { ref: 'p1', name: 'A', role: 'pi' },
    { ref: 'p2', name: 'B', role: 'student' },
  ],
};

const disclosure: Disclosure = {
  affiliations: [{ organisation: { name: 'Univ. X', country: 'DE' }, type: 'adjunct', paid: true }],
  supportSources: [],
  talentProgrammes: [{ name: 'Talent Plan', status: 'declined', features: ['f1', 'f7', 'unknown'] }],
  certifiedAt: '2026-11-01T00:00:00Z',
};

describe('appraisal input', () => {
  const input = appraisalInput(content, { p1: disclosure }, '2026-11-21');

  it('attaches each person\'s certified disclosure and leaves the others without one', () => {
    expect(input.personnel?.[0].disclosure?.affiliations).toEqual(disclosure.affiliations);
    expect(input.personnel?.[1]).toEqual({ ref: 'p2', name: 'B', role: 'student' });
  });

  it('maps talent programmes to the engine\'s contract features and statuses', () => {
    expect(input.personnel?.[0].disclosure?.talentProgrammes).toEqual([
      { programmeName: 'Talent Plan', status: 'offered_declined', features: { f1: true, f7: true } },
    ]);
  });

  it('fills defaults the engine expects and dates the snapshot', () => {
    expect(input.exportControl).toEqual({ relevant: true, classifications: [] });
    expect(input.asOf).toBe('2026-11-21');
  });
});
