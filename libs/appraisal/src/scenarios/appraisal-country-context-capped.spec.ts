import { aCase, aPartner } from '../testing/case-snapshot.fixture';
import { findings, run } from '../testing/appraisal-harness';
import type { AppraisalPolicy } from '../model/policy';

describe('appraisal: country context alone never raises a case above medium (RS-F-002)', () => {
  const strictCountry: Partial<AppraisalPolicy> = {
    homeCountry: 'XA',
    countryContext: { cap: 'medium', jurisdictions: [{ country: 'XB', legalBasis: 'Testland Knowledge Security Act §4', counterparty: 'C2' }] },
  };

  it('caps at medium even with sensitive research, when only the country raises counterparty risk', () => {
    // R2 × C2 would be high; without the country signal it is R2 × C0 = low.
    const assessment = run(
      aCase({
        technologyAreas: ['ai'],
        researchStage: 'applied',
        reviewerJudgement: { foreseeableSecurityApplication: 'none' },
        partners: [aPartner({ country: 'XB' })],
      }),
      { policy: strictCountry },
    );

    expect(assessment.counterparty).toBe('C2');
    expect(assessment.level).toBe('medium');
    expect(assessment.route).toBe('review');
    expect(findings(assessment, 'RS-F-002')).toHaveLength(1);
  });

  it('country-based findings never exceed S2 or a review-type effect, whatever the policy overrides say', () => {
    const assessment = run(aCase({ homeCountry: 'XA', partners: [aPartner({ country: 'XB' })] }), {
      policy: { rules: { 'RS-D-009': { severity: 'S4', effect: 'ineligible' } } },
    });
    expect(findings(assessment, 'RS-D-009')).toMatchObject([{ severity: 'S2', effect: 'mitigate' }]);
    expect(assessment.route).toBe('review');
  });

  it('does not lower a level other signals justify', () => {
    const assessment = run(
      aCase({
        technologyAreas: ['ai'],
        researchStage: 'applied',
        partners: [aPartner({ country: 'XB', dueDiligence: { ...aPartner().dueDiligence, sourceOfFundsDisclosed: 'no' } })],
      }),
      { policy: strictCountry },
    );
    expect(assessment.counterparty).toBe('C3');
    expect(assessment.level).toBe('high');
  });
});
