import { DEFAULT_POLICY } from '../../policy/default-policy';
import { aCase, aPerson, aSupportSource, aTalentProgramme, anAffiliation, withDisclosure } from '../../testing/case-snapshot.fixture';
import { findings, run } from '../../testing/appraisal-harness';

const withItems = (extra: Parameters<typeof withDisclosure>[1]) => aCase({ personnel: [withDisclosure(aPerson(), extra)] });

describe('D rules: disclosure integrity', () => {
  describe('RS-D-001 appointments and positions', () => {
    it('fires when a person filed no disclosure, or lists no appointment', () => {
      expect(findings(run(aCase({ personnel: [aPerson({ disclosure: undefined })] })), 'RS-D-001')).toMatchObject([
        { severity: 'S1', effect: 'review', subject: '/personnel/0', evidence: { missing: 'disclosure' } },
      ]);
      const empty = aPerson({ disclosure: { affiliations: [], certifiedAt: '2025-01-01' } });
      expect(findings(run(aCase({ personnel: [empty] })), 'RS-D-001')).toMatchObject([{ evidence: { missing: 'affiliations' } }]);
    });

    it('does not fire when appointments are listed', () => {
      expect(findings(run(aCase()), 'RS-D-001')).toEqual([]);
    });
  });

  describe('RS-D-002 certifications', () => {
    it('fires when a disclosure is not certified, and when a pack attestation is missing', () => {
      const uncertified = aPerson({ disclosure: { affiliations: [anAffiliation()] } });
      expect(findings(run(aCase({ personnel: [uncertified] })), 'RS-D-002')).toMatchObject([{ subject: '/personnel/0/disclosure', severity: 'S2' }]);
      const stra = run(aCase({ aimsToAdvanceSTRA: true }), { packs: ['CA-STRAC'] });
      expect(findings(stra, 'RS-D-002')).toMatchObject([{ subject: '/personnel/0', evidence: { attestationType: 'strac' } }]);
    });

    it('does not fire when certified and attested', () => {
      const attested = aCase({ aimsToAdvanceSTRA: true, attestations: [{ type: 'strac', signedBy: 'p1', signedAt: '2025-02-01' }] });
      expect(findings(run(attested, { packs: ['CA-STRAC'] }), 'RS-D-002')).toEqual([]);
    });
  });

  describe('RS-D-003 other support complete', () => {
    it('fires for missing fields and un-itemised in-kind support above the threshold', () => {
      const incomplete = aSupportSource({ objectives: undefined, inKind: { estimatedValue: 9000 } });
      expect(findings(run(withItems({ supportSources: [incomplete] })), 'RS-D-003')).toMatchObject([
        { evidence: { missingFields: ['objectives', 'inKind.description', 'inKind.timeCommitment'] } },
      ]);
    });

    it('does not fire for a complete entry or small in-kind support', () => {
      const small = aSupportSource({ inKind: { estimatedValue: 1000 } });
      expect(findings(run(withItems({ supportSources: [aSupportSource(), small] })), 'RS-D-003')).toEqual([]);
    });
  });

  describe('RS-D-004 capacity', () => {
    it('fires above 12 person-months a year', () => {
      const busy = withItems({ supportSources: [aSupportSource({ personMonthsPerYear: 8 }), aSupportSource({ personMonthsPerYear: 6 })] });
      expect(findings(run(busy), 'RS-D-004')).toMatchObject([{ severity: 'S2', evidence: { personMonthsPerYear: 14 } }]);
    });

    it('does not fire within the limit, nor count pending support', () => {
      const fine = withItems({ supportSources: [aSupportSource({ personMonthsPerYear: 8 }), aSupportSource({ status: 'pending', personMonthsPerYear: 6 })] });
      expect(findings(run(fine), 'RS-D-004')).toEqual([]);
    });
  });

  describe('RS-D-005 overlap', () => {
    it('fires for a stated overlap (review) and a confirmed duplicate (mitigate)', () => {
      const stated = run(withItems({ supportSources: [aSupportSource({ overlapStatement: 'Shares work package 2' })] }));
      expect(findings(stated, 'RS-D-005')).toMatchObject([{ effect: 'review' }]);
      const confirmed = run(withItems({ supportSources: [aSupportSource({ overlapConfirmed: true })] }));
      expect(findings(confirmed, 'RS-D-005')).toMatchObject([{ effect: 'mitigate' }]);
    });

    it('does not fire for "none"', () => {
      expect(findings(run(withItems({ supportSources: [aSupportSource({ overlapStatement: 'None.' })] })), 'RS-D-005')).toEqual([]);
    });
  });

  describe('RS-D-007 timing', () => {
    const keyDates = { engagementContinuedAfter: '2022-08-09' };

    it('raises I+1 for a late disclosure, I+2 when found undisclosed and continued after the key date', () => {
      const late = run(withItems({ affiliations: [anAffiliation({ organisation: { name: 'Lakeside Institute' }, disclosedLate: true })] }), { policy: { keyDates } });
      expect(findings(late, 'RS-D-007')).toMatchObject([{ severity: 'S2' }]);
      expect(late.integrity).toBe('I+1');
      const hidden = run(withItems({ affiliations: [anAffiliation({ organisation: { name: 'Lakeside Institute' }, foundUndisclosed: true, to: null })] }), { policy: { keyDates } });
      expect(findings(hidden, 'RS-D-007')).toMatchObject([{ severity: 'S3', evidence: { continuedAfterKeyDate: true } }]);
      expect(hidden.integrity).toBe('I+2');
    });

    it('does not fire for timely disclosures', () => {
      expect(findings(run(aCase(), { policy: { keyDates } }), 'RS-D-007')).toEqual([]);
    });
  });

  describe('RS-D-008 change of circumstances', () => {
    const during = (reportedAt: string) =>
      aCase({
        award: { startDate: '2024-01-01' },
        personnel: [withDisclosure(aPerson(), { affiliations: [anAffiliation({ organisation: { name: 'Lakeside Institute' }, from: '2024-06-01', reportedAt })] })],
      });

    it('fires when a new affiliation during the award is reported after 30 days', () => {
      expect(findings(run(during('2024-08-15')), 'RS-D-008')).toMatchObject([{ evidence: { daysToReport: 75, limitDays: 30 } }]);
    });

    it('does not fire when reported in time, or before any award', () => {
      expect(findings(run(during('2024-06-20')), 'RS-D-008')).toEqual([]);
      expect(findings(run(aCase()), 'RS-D-008')).toEqual([]);
    });
  });

  describe('RS-D-009 foreign component', () => {
    it('fires (country context, S1) for a partner abroad without a justification', () => {
      const abroad = aCase({ homeCountry: 'XB' });
      expect(findings(run(abroad), 'RS-D-009')).toMatchObject([{ severity: 'S1', evidence: { foreignPartners: ['/partners/0'], countryContext: true } }]);
    });

    it('does not fire with a justification or at home', () => {
      expect(findings(run(aCase({ homeCountry: 'XB', foreignComponentJustification: 'Unique beamline' })), 'RS-D-009')).toEqual([]);
      expect(findings(run(aCase({ homeCountry: 'XA' })), 'RS-D-009')).toEqual([]);
    });
  });

  describe('RS-D-010 talent programme features', () => {
    it('fires (S3 mitigate) for an active programme with a CHIPS feature; undisclosed gives I+2', () => {
      const programme = aTalentProgramme({ features: { f2: true, f8: true }, foundUndisclosed: true });
      const assessment = run(withItems({ talentProgrammes: [programme] }));
      expect(findings(assessment, 'RS-D-010')).toMatchObject([
        { severity: 'S3', effect: 'mitigate', dimension: 'interference', evidence: { features: ['f2', 'f8'] }, mitigations: ['MIT-02', 'MIT-09'] },
      ]);
      expect(assessment.integrity).toBe('I+2');
    });

    it('does not fire without features or for an ended programme', () => {
      expect(findings(run(withItems({ talentProgrammes: [aTalentProgramme()] })), 'RS-D-010')).toEqual([]);
      expect(findings(run(withItems({ talentProgrammes: [aTalentProgramme({ status: 'ended', features: { f1: true } })] })), 'RS-D-010')).toEqual([]);
    });
  });

  it('uses the default policy thresholds', () => {
    expect(DEFAULT_POLICY.thresholds.maxPersonMonthsPerYear).toBe(12);
  });
});
