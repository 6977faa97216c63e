import { aCase } from '../../testing/case-snapshot.fixture';
import { findings, run } from '../../testing/appraisal-harness';

describe('T rules: research sensitivity', () => {
  describe('RS-T-001 tagging', () => {
    it('fires (review S0) when no area is selected, and sets R1 for a listed area in open basic research', () => {
      expect(findings(run(aCase({ technologyAreas: [] })), 'RS-T-001')).toMatchObject([{ severity: 'S0', effect: 'review' }]);
      const tagged = run(aCase({ technologyAreas: ['energy'] }));
      expect(findings(tagged, 'RS-T-001')).toMatchObject([{ effect: 'none', evidence: { listedAreas: ['energy'] } }]);
      expect(tagged.research).toBe('R1');
    });

    it('sets R2 for a listed area with an applied aim', () => {
      expect(run(aCase({ technologyAreas: ['energy'], researchStage: 'applied' })).research).toBe('R2');
    });

    it('does not fire when the applicant explicitly answers "none"', () => {
      expect(findings(run(aCase({ technologyAreas: ['none'] })), 'RS-T-001')).toEqual([]);
    });
  });

  describe('RS-T-002 EU top-4', () => {
    it('fires with a floor of R2 for an EU top-4 area, even in open basic research', () => {
      const assessment = run(aCase({ technologyAreas: ['quantum'] }));
      expect(findings(assessment, 'RS-T-002')).toMatchObject([{ evidence: { euTopFour: ['quantum'] } }]);
      expect(assessment.research).toBe('R2');
    });

    it('does not fire for a listed area outside the top four', () => {
      expect(findings(run(aCase({ technologyAreas: ['energy'] })), 'RS-T-002')).toEqual([]);
    });
  });

  describe('RS-T-003 aims to advance an STRA (CA-STRAC)', () => {
    it('fires when the CA-STRAC pack is on and the research aims to advance an STRA', () => {
      expect(findings(run(aCase({ aimsToAdvanceSTRA: true }), { packs: ['CA-STRAC'] }), 'RS-T-003')).toHaveLength(1);
    });

    it('does not fire without the pack, or when the declaration is false', () => {
      expect(findings(run(aCase({ aimsToAdvanceSTRA: true })), 'RS-T-003')).toEqual([]);
      expect(findings(run(aCase({ aimsToAdvanceSTRA: false }), { packs: ['CA-STRAC'] }), 'RS-T-003')).toEqual([]);
    });
  });

  describe('RS-T-004 export-control relevance', () => {
    it('fires (R3, escalate S3) for export-relevant applied work', () => {
      const assessment = run(aCase({ researchStage: 'applied', exportControl: { relevant: true, classifications: ['3A001'] } }));
      expect(findings(assessment, 'RS-T-004')).toMatchObject([{ severity: 'S3', effect: 'escalate', mitigations: ['MIT-07', 'MIT-15'] }]);
      expect(assessment.research).toBe('R3');
    });

    it('does not fire when the basic-research decontrol applies', () => {
      expect(findings(run(aCase({ exportControl: { relevant: true, classifications: ['3A001'] } })), 'RS-T-004')).toEqual([]);
    });
  });

  describe('RS-T-005 basic-research decontrol', () => {
    it('fires for export-relevant basic research published openly, without clearing other checks', () => {
      const assessment = run(aCase({ exportControl: { relevant: true, classifications: [] } }));
      expect(findings(assessment, 'RS-T-005')).toMatchObject([{ severity: 'S0', effect: 'none' }]);
      expect(assessment.research).toBe('R1');
    });

    it('does not fire when publication is restricted', () => {
      expect(
        findings(run(aCase({ publicationIntent: 'restricted', exportControl: { relevant: true, classifications: [] } })), 'RS-T-005'),
      ).toEqual([]);
    });
  });

  describe('RS-T-006 sensitive or aggregate data', () => {
    it('fires (R2, mitigate with data controls) for personal data', () => {
      const assessment = run(aCase({ sensitiveData: { personal: true, other: [] } }));
      expect(findings(assessment, 'RS-T-006')).toMatchObject([{ effect: 'mitigate', mitigations: ['MIT-06'] }]);
      expect(assessment.research).toBe('R2');
    });

    it('does not fire without sensitive data', () => {
      expect(findings(run(aCase()), 'RS-T-006')).toEqual([]);
    });
  });

  describe('RS-T-007 critical infrastructure or minerals', () => {
    it('fires with a floor of R2', () => {
      const assessment = run(aCase({ criticalMinerals: ['gallium'] }));
      expect(findings(assessment, 'RS-T-007')).toHaveLength(1);
      expect(assessment.research).toBe('R2');
    });

    it('does not fire for an empty sector', () => {
      expect(findings(run(aCase({ criticalInfrastructureSector: '  ' })), 'RS-T-007')).toEqual([]);
    });
  });

  describe('RS-T-008 reviewer judgement for R ≥ R2', () => {
    it('fires when R2 research has no recorded judgement', () => {
      expect(findings(run(aCase({ technologyAreas: ['ai'] })), 'RS-T-008')).toMatchObject([{ effect: 'review', evidence: { research: 'R2' } }]);
    });

    it('does not fire once a reviewer records the judgement, nor below R2', () => {
      const judged = aCase({ technologyAreas: ['ai'], reviewerJudgement: { foreseeableSecurityApplication: 'None foreseeable' } });
      expect(findings(run(judged), 'RS-T-008')).toEqual([]);
      expect(findings(run(aCase({ technologyAreas: ['energy'] })), 'RS-T-008')).toEqual([]);
    });
  });

  describe('RS-T-009 military, weapons or surveillance application', () => {
    it('fires (R3) for the weapons area and for a surveillance end use', () => {
      expect(run(aCase({ technologyAreas: ['weapons_military'] })).research).toBe('R3');
      expect(findings(run(aCase({ endUse: 'Crowd surveillance for city authorities' })), 'RS-T-009')).toMatchObject([
        { severity: 'S3', evidence: { endUseTerm: 'surveillance' } },
      ]);
    });

    it('does not fire for a civilian end use', () => {
      expect(findings(run(aCase({ endUse: 'Better crop yields', technologyAreas: ['biotech'] })), 'RS-T-009')).toEqual([]);
    });
  });
});
