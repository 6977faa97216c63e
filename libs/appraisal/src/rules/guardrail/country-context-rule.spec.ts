import { aCase, aPartner } from '../../testing/case-snapshot.fixture';
import { findings, run } from '../../testing/appraisal-harness';

const jurisdictions = [{ country: 'XB', legalBasis: 'Testland Knowledge Security Act §4', counterparty: 'C2' as const }];

describe('RS-F-002 country context on organisations', () => {
  it('fires for a partner established in a jurisdiction the policy declares, with the legal basis as evidence', () => {
    const assessment = run(aCase({ partners: [aPartner({ country: 'XB' })] }), { policy: { countryContext: { cap: 'medium', jurisdictions } } });
    expect(findings(assessment, 'RS-F-002')).toMatchObject([
      { severity: 'S1', effect: 'review', evidence: { country: 'XB', legalBasis: 'Testland Knowledge Security Act §4', countryContext: true } },
    ]);
    expect(assessment.counterparty).toBe('C2');
    expect(assessment.level).toBe('medium');
  });

  it('does not fire for other countries or when no jurisdiction is declared', () => {
    expect(findings(run(aCase(), { policy: { countryContext: { cap: 'medium', jurisdictions } } }), 'RS-F-002')).toEqual([]);
    expect(findings(run(aCase({ partners: [aPartner({ country: 'XB' })] })), 'RS-F-002')).toEqual([]);
  });
});
