import { aCase, aPartner, aPerson, aTalentProgramme, withDisclosure } from '../testing/case-snapshot.fixture';
import { ALL_LISTS, aReferenceIndex } from '../testing/reference-list.fixture';
import { appraise } from '../appraise';
import { DEFAULT_POLICY } from '../policy/default-policy';

describe('appraisal: determinism', () => {
  const busyCase = aCase({
    technologyAreas: ['quantum', 'weapons_military'],
    researchStage: 'applied',
    exportControl: { relevant: true, classifications: ['3A001'] },
    sensitiveData: { personal: true, other: ['population'] },
    partners: [
      aPartner({ name: 'Example Academy of Applied Sciences', identifiers: {}, accessTo: ['data'], agreement: { status: 'none' } }),
      aPartner({ name: 'Greyfield Consulting', ownershipChain: [{ name: 'Sample Photonics Ltd', percent: 55 }] }),
    ],
    personnel: [withDisclosure(aPerson(), { talentProgrammes: [aTalentProgramme({ features: { f1: true } })] }), aPerson({ ref: 'p2', name: 'Ivan Testperson', role: 'researcher' })],
  });

  it('gives deep-equal assessments for the same input, with fresh indexes', () => {
    const first = appraise(busyCase, DEFAULT_POLICY, aReferenceIndex());
    const second = appraise(structuredClone(busyCase), structuredClone(DEFAULT_POLICY), aReferenceIndex());

    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.findings.length).toBeGreaterThan(10);
  });

  it('does not depend on the order reference lists are loaded in', () => {
    const lists = [...aReferenceIndex().versions()];
    expect(lists).toHaveLength(4);
    const a = appraise(busyCase, DEFAULT_POLICY, aReferenceIndex());
    const b = appraise(busyCase, DEFAULT_POLICY, aReferenceIndex([...ALL_LISTS].reverse()));
    expect(b).toEqual(a);
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(busyCase);
    appraise(busyCase, DEFAULT_POLICY, aReferenceIndex());
    expect(busyCase).toEqual(copy);
  });
});
