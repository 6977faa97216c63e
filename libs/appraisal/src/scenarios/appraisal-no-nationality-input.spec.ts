import type { CaseSnapshot } from '../model/case-snapshot';
import { aCase, aPartner, aPerson, aTalentProgramme, withDisclosure } from '../testing/case-snapshot.fixture';
import { run } from '../testing/appraisal-harness';

describe('appraisal: no person-level nationality input (RS-F-001)', () => {
  const base = aCase({
    technologyAreas: ['ai'],
    researchStage: 'applied',
    partners: [aPartner({ country: 'XB' })],
    homeCountry: 'XA',
    personnel: [
      withDisclosure(aPerson(), { talentProgrammes: [aTalentProgramme({ features: { f4: true } })] }),
      aPerson({ ref: 'p2', name: 'Ivan Testperson', role: 'student' }),
    ],
  });

  it('gives an identical assessment when persons carry nationality, citizenship, ethnicity or birthplace', () => {
    const tainted = {
      ...base,
      personnel: (base.personnel ?? []).map((person) => ({
        ...person,
        nationality: 'XB',
        citizenship: ['XB', 'XC'],
        ethnicity: 'any',
        placeOfBirth: 'Somewhere',
        countryOfBirth: 'XC',
      })),
    } as CaseSnapshot;

    expect(run(tainted)).toEqual(run(base));
  });

  it('never echoes such attributes into findings', () => {
    const tainted = { ...base, personnel: [{ ...aPerson(), nationality: 'XB' }] } as unknown as CaseSnapshot;
    expect(JSON.stringify(run(tainted))).not.toMatch(/nationality/i);
  });
});
