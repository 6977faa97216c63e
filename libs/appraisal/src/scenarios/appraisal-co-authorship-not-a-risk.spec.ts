import type { CaseSnapshot } from '../model/case-snapshot';
import { aCase, aPartner, aPerson } from '../testing/case-snapshot.fixture';
import { run } from '../testing/appraisal-harness';

describe('appraisal: co-authorship alone is not a risk factor (RS-F-003)', () => {
  const base = aCase({
    technologyAreas: ['ai'],
    researchStage: 'applied',
    partners: [aPartner()],
    personnel: [aPerson()],
  });

  it('gives an identical assessment whatever co-authorships the case lists', () => {
    const withCoAuthors = {
      ...base,
      coAuthorships: [{ organisation: { name: 'Some Foreign Academy', country: 'XC' }, papers: 12 }],
      personnel: (base.personnel ?? []).map((person) => ({ ...person, coAuthors: ['X. Someone (Some Foreign Academy)'] })),
    } as unknown as CaseSnapshot;
    expect(run(withCoAuthors)).toEqual(run(base));
  });

  it('has no rule that reads co-authorship', () => {
    expect(JSON.stringify(run(base))).not.toMatch(/co-?author/i);
  });
});
