import { aCase, aPartner } from '../../testing/case-snapshot.fixture';
import { findings, run } from '../../testing/appraisal-harness';

describe('E rules: ethics and fundamental rights', () => {
  describe('RS-E-001 misuse potential', () => {
    it('fires (escalate) when RS-T-009 fired, routing to the ethics committee', () => {
      const assessment = run(aCase({ endUse: 'Surveillance of public spaces' }));
      expect(findings(assessment, 'RS-E-001')).toMatchObject([{ severity: 'S3', effect: 'escalate', mitigations: ['MIT-14'] }]);
      expect(assessment.escalationRecommendation.targets.map((t) => t.target)).toContain('ethics_committee');
    });

    it('does not fire for civilian work without a reviewer flag', () => {
      expect(findings(run(aCase()), 'RS-E-001')).toEqual([]);
    });
  });

  describe('RS-E-002 discriminatory participation conditions', () => {
    it('fires for a partner programme that excludes participants', () => {
      const assessment = run(aCase({ partners: [aPartner({ agreement: { terms: { discriminatoryParticipation: true } } })] }));
      expect(findings(assessment, 'RS-E-002')).toMatchObject([{ severity: 'S3', effect: 'mitigate', subject: '/partners/0' }]);
    });

    it('does not fire otherwise', () => {
      expect(findings(run(aCase()), 'RS-E-002')).toEqual([]);
    });
  });

  describe('RS-E-003 research of concern', () => {
    it('fires on the reviewer classification', () => {
      expect(findings(run(aCase({ reviewerJudgement: { researchOfConcern: true } })), 'RS-E-003')).toMatchObject([{ effect: 'escalate' }]);
    });

    it('does not fire when not classified', () => {
      expect(findings(run(aCase({ reviewerJudgement: { researchOfConcern: false } })), 'RS-E-003')).toEqual([]);
    });
  });

  describe('RS-E-004 researcher safety', () => {
    it('fires S3 for pressure on researchers, S2 for risky fieldwork', () => {
      expect(findings(run(aCase({ safety: { pressureOnResearchers: 'yes' } })), 'RS-E-004')).toMatchObject([{ severity: 'S3', effect: 'mitigate' }]);
      expect(findings(run(aCase({ safety: { riskyFieldwork: 'yes' } })), 'RS-E-004')).toMatchObject([{ severity: 'S2' }]);
    });

    it('does not fire on no answers', () => {
      expect(findings(run(aCase({ safety: { pressureOnResearchers: 'no', riskyFieldwork: 'no' } })), 'RS-E-004')).toEqual([]);
    });
  });

  describe('RS-E-005 personal-data transfer', () => {
    const withData = (partnerCountry: string) =>
      aCase({ homeCountry: 'XA', sensitiveData: { personal: true, other: [] }, partners: [aPartner({ country: partnerCountry, accessTo: ['data'] })] });

    it('fires for personal data accessible to a partner in another jurisdiction (country context)', () => {
      expect(findings(run(withData('XB')), 'RS-E-005')).toMatchObject([{ severity: 'S2', effect: 'review', evidence: { crossBorder: true, countryContext: true } }]);
    });

    it('does not fire for a partner in the same jurisdiction, or without personal data', () => {
      expect(findings(run(withData('XA')), 'RS-E-005')).toEqual([]);
      expect(findings(run(aCase({ partners: [aPartner({ country: 'XB', accessTo: ['data'] })], homeCountry: 'XA' })), 'RS-E-005')).toEqual([]);
    });
  });
});
