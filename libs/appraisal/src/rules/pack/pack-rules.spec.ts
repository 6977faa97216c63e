import { aCase, aPartner, aPerson, aTalentProgramme, anAffiliation, withDisclosure } from '../../testing/case-snapshot.fixture';
import { findings, run } from '../../testing/appraisal-harness';

const nroAffiliation = (extra: Partial<Parameters<typeof anAffiliation>[0]> = {}) =>
  aCase({
    aimsToAdvanceSTRA: true,
    attestations: [{ type: 'strac', signedBy: 'p1' }],
    personnel: [withDisclosure(aPerson(), { affiliations: [anAffiliation({ organisation: { name: 'Example Academy of Applied Sciences', country: 'XX' }, type: 'adjunct', ...extra })] })],
    adjudications: [{ subject: '/personnel/0/disclosure/affiliations/1/organisation', listId: 'test-nro', entryId: 'nro-1', decision: 'confirmed' }],
  });

describe('C rules: packs and hard rules', () => {
  describe('RS-C-001 STRAC', () => {
    it('fires (S4 ineligible, with its basis) for STRA research and a current NRO affiliation', () => {
      const assessment = run(nroAffiliation(), { packs: ['CA-STRAC'] });
      expect(findings(assessment, 'RS-C-001')).toMatchObject([
        { severity: 'S4', effect: 'ineligible', evidence: { entryId: 'nro-1', legalBasis: expect.stringContaining('STRAC') } },
      ]);
      expect(assessment.route).toBe('not_eligible');
    });

    it('does not fire when the affiliation ended before application with evidence, or without the pack', () => {
      expect(findings(run(nroAffiliation({ to: '2024-01', endedEvidenceRef: 'doc-7' }), { packs: ['CA-STRAC'] }), 'RS-C-001')).toEqual([]);
      expect(findings(run(nroAffiliation()), 'RS-C-001')).toEqual([]);
    });
  });

  describe('RS-C-003 MFTRP party (US-FEDERAL)', () => {
    const mftrp = (sponsorCountry: string) =>
      aCase({
        personnel: [withDisclosure(aPerson(), { talentProgrammes: [aTalentProgramme({ features: { f8: true }, sponsor: { name: 'Overseas Talent Bureau', country: sponsorCountry } })] })],
      });
    const policy = { foreignCountriesOfConcern: { countries: ['ZZ'], legalBasis: '42 U.S.C. §19221' } };

    it('fires for a senior person in a programme with features and a sponsor under the sponsor test', () => {
      expect(findings(run(mftrp('ZZ'), { packs: ['US-FEDERAL'], policy }), 'RS-C-003')).toMatchObject([
        { severity: 'S4', effect: 'ineligible', evidence: { features: ['f8'], sponsorCountry: 'ZZ' } },
      ]);
    });

    it('does not fire when the sponsor fails the sponsor test', () => {
      expect(findings(run(mftrp('YY'), { packs: ['US-FEDERAL'], policy }), 'RS-C-003')).toEqual([]);
    });
  });

  describe('RS-C-004 MFTRP certification (US-FEDERAL)', () => {
    it('fires when a senior person has not certified, or the certification is older than a year', () => {
      expect(findings(run(aCase(), { packs: ['US-FEDERAL'] }), 'RS-C-004')).toMatchObject([{ severity: 'S2', evidence: { expired: false } }]);
      const stale = aCase({ attestations: [{ type: 'mftrp_not_party', signedBy: 'p1', signedAt: '2023-01-01' }] });
      expect(findings(run(stale, { packs: ['US-FEDERAL'] }), 'RS-C-004')).toMatchObject([{ evidence: { expired: true } }]);
    });

    it('does not fire for a current certification', () => {
      const fresh = aCase({ attestations: [{ type: 'mftrp_not_party', signedBy: 'p1', signedAt: '2025-02-01' }] });
      expect(findings(run(fresh, { packs: ['US-FEDERAL'] }), 'RS-C-004')).toEqual([]);
    });
  });

  describe('RS-C-005 §1286 institution in fundamental research (US-DOD)', () => {
    const collaboration = (stage: 'fundamental' | 'applied') =>
      aCase({
        researchStage: stage,
        partners: [aPartner({ name: 'Westbrook Polytechnic University', identifiers: {} })],
        adjudications: [{ subject: '/partners/0', listId: 'test-nro', entryId: 'nro-2', decision: 'confirmed' }],
      });

    it('fires (S4 ineligible) for fundamental research with a confirmed §1286 partner', () => {
      expect(findings(run(collaboration('fundamental'), { packs: ['US-DOD'] }), 'RS-C-005')).toMatchObject([{ severity: 'S4', effect: 'ineligible' }]);
    });

    it('does not fire for applied research or without the pack', () => {
      expect(findings(run(collaboration('applied'), { packs: ['US-DOD'] }), 'RS-C-005')).toEqual([]);
      expect(findings(run(collaboration('fundamental')), 'RS-C-005')).toEqual([]);
    });
  });

  describe('RS-C-007 confirmed sanctions', () => {
    it('fires for a sanctions hit confirmed by an exact registration number', () => {
      const assessment = run(aCase({ partners: [aPartner({ name: 'SP Holdings', identifiers: { registration: 'sp 998877' } })] }));
      expect(findings(assessment, 'RS-C-007')).toMatchObject([{ severity: 'S4', effect: 'ineligible', evidence: { confirmedBy: 'strong_identifier' } }]);
    });

    it('does not fire for an unadjudicated name candidate', () => {
      expect(findings(run(aCase({ partners: [aPartner({ name: 'Sample Photonics Ltd', identifiers: {} })] })), 'RS-C-007')).toEqual([]);
    });
  });
});
