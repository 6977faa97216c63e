import type { Partner } from '../../model/case-snapshot';
import { aCase, aPartner } from '../../testing/case-snapshot.fixture';
import { findings, run } from '../../testing/appraisal-harness';

const withPartner = (overrides: Partial<Partner>) => aCase({ partners: [aPartner(overrides)] });
const dd = (answers: Partner['dueDiligence']) => withPartner({ dueDiligence: { ...aPartner().dueDiligence, ...answers } });

describe('P rules: partner due diligence', () => {
  describe('RS-P-001 identity verifiable', () => {
    it('fires (C1 review) when identity could not be verified', () => {
      const assessment = run(dd({ identityVerified: 'no' }));
      expect(findings(assessment, 'RS-P-001')).toMatchObject([{ severity: 'S1', effect: 'review' }]);
      expect(assessment.counterparty).toBe('C1');
    });

    it('does not fire for a verified partner with an identifier', () => {
      expect(findings(run(aCase()), 'RS-P-001')).toEqual([]);
    });
  });

  describe('RS-P-002 military or security affiliation', () => {
    it('fires (C3) on a yes answer or a military partner type, C2 when unsure', () => {
      expect(run(dd({ militaryOrSecurityAffiliation: 'yes' })).counterparty).toBe('C3');
      expect(findings(run(withPartner({ type: 'military' })), 'RS-P-002')).toMatchObject([{ severity: 'S3' }]);
      expect(run(dd({ militaryOrSecurityAffiliation: 'unsure' })).counterparty).toBe('C2');
    });

    it('fires on a confirmed list entry with the mil topic (RS-L-006 signal)', () => {
      const assessment = run(
        aCase({
          partners: [aPartner({ name: 'Example Defence Electronics Research Institute 7', identifiers: {} })],
          adjudications: [{ subject: '/partners/0', listId: 'test-entity-list', entryId: 'el-1', decision: 'confirmed' }],
        }),
      );
      expect(findings(assessment, 'RS-P-002')).toMatchObject([{ evidence: { listSignals: [{ entryId: 'el-1' }] } }]);
    });

    it('does not fire on a no answer', () => {
      expect(findings(run(aCase()), 'RS-P-002')).toEqual([]);
    });
  });

  describe('RS-P-003 state control', () => {
    it('fires (C2) on a yes answer', () => {
      const assessment = run(dd({ stateControlOrCompellability: 'yes' }));
      expect(findings(assessment, 'RS-P-003')).toMatchObject([{ severity: 'S2' }]);
      expect(assessment.counterparty).toBe('C2');
    });

    it('does not fire on a no answer, whatever the partner type', () => {
      expect(findings(run(withPartner({ type: 'government' })), 'RS-P-003')).toEqual([]);
    });
  });

  describe('RS-P-004 source of funds or end user', () => {
    it('fires (C3) when the source of funds is not disclosed', () => {
      expect(run(dd({ sourceOfFundsDisclosed: 'no' })).counterparty).toBe('C3');
      expect(findings(run(dd({ endUserDisclosed: 'no' })), 'RS-P-004')).toMatchObject([{ severity: 'S3', mitigations: ['MIT-08'] }]);
    });

    it('does not fire when both are disclosed', () => {
      expect(findings(run(dd({ endUserDisclosed: 'yes' })), 'RS-P-004')).toEqual([]);
    });
  });

  describe('RS-P-005 problematic agreement conditions', () => {
    it('fires (S3 mitigate) for a mirror-lab clause', () => {
      expect(findings(run(withPartner({ agreement: { terms: { mirrorLab: true } } })), 'RS-P-005')).toMatchObject([
        { severity: 'S3', effect: 'mitigate', evidence: { terms: ['mirrorLab'] } },
      ]);
    });

    it('does not fire for clean terms', () => {
      expect(findings(run(withPartner({ agreement: { status: 'signed', terms: { mirrorLab: false } } })), 'RS-P-005')).toEqual([]);
    });
  });

  describe('RS-P-006 integrity record', () => {
    it('fires (C2) on a yes answer', () => {
      expect(run(dd({ integrityRecord: 'yes' })).counterparty).toBe('C2');
    });

    it('does not fire on a no answer', () => {
      expect(findings(run(aCase()), 'RS-P-006')).toEqual([]);
    });
  });

  describe('RS-P-007 access beyond scope', () => {
    it('fires when access exceeds the agreed scope', () => {
      const wide = withPartner({ accessTo: ['data', 'facilities'], agreement: { accessScope: ['data'] } });
      expect(findings(run(wide), 'RS-P-007')).toMatchObject([{ effect: 'mitigate', evidence: { accessBeyondScope: ['facilities'] }, mitigations: ['MIT-06'] }]);
    });

    it('does not fire for access within scope', () => {
      expect(findings(run(withPartner({ accessTo: ['data'], agreement: { accessScope: ['data'] } })), 'RS-P-007')).toEqual([]);
    });
  });

  describe('RS-P-008 red-flag approach', () => {
    it('fires for a cold approach', () => {
      expect(findings(run(dd({ coldApproach: 'yes' })), 'RS-P-008')).toMatchObject([{ evidence: { flags: ['coldApproach'] } }]);
    });

    it('does not fire without red flags', () => {
      expect(findings(run(dd({ coldApproach: 'no' })), 'RS-P-008')).toEqual([]);
    });
  });

  describe('RS-P-009 dependency', () => {
    it('fires for dependency without alternatives', () => {
      expect(findings(run(dd({ dependency: 'yes' })), 'RS-P-009')).toMatchObject([{ severity: 'S2' }]);
    });

    it('does not fire otherwise', () => {
      expect(findings(run(aCase()), 'RS-P-009')).toEqual([]);
    });
  });

  describe('RS-P-010 agreement enforceability', () => {
    it('fires for no written agreement and no exit clause', () => {
      expect(findings(run(withPartner({ agreement: { status: 'none', exitClause: false } })), 'RS-P-010')).toMatchObject([
        { effect: 'mitigate', evidence: { gaps: ['no written agreement', 'no exit clause'] } },
      ]);
    });

    it('does not fire for a signed agreement with clear terms', () => {
      expect(findings(run(withPartner({ agreement: { status: 'signed', ipTerms: 'clear', exitClause: true } })), 'RS-P-010')).toEqual([]);
    });
  });

  describe('RS-P-011 research freedom', () => {
    it('fires S3 for a publication veto', () => {
      expect(findings(run(withPartner({ agreement: { terms: { publicationVeto: true } } })), 'RS-P-011')).toMatchObject([{ severity: 'S3' }]);
    });

    it('does not fire without restrictions', () => {
      expect(findings(run(withPartner({ agreement: { terms: {} } })), 'RS-P-011')).toEqual([]);
    });
  });

  it('never reads the partner country', () => {
    const a = run(dd({ stateControlOrCompellability: 'yes' }));
    const b = run(aCase({ partners: [aPartner({ country: 'QQ', dueDiligence: { ...aPartner().dueDiligence, stateControlOrCompellability: 'yes' } })] }));
    expect(findings(b, 'RS-P-003').map((f) => f.severity)).toEqual(findings(a, 'RS-P-003').map((f) => f.severity));
  });
});
