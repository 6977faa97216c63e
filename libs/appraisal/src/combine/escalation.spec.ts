import { aCase, aPartner } from '../testing/case-snapshot.fixture';
import { run } from '../testing/appraisal-harness';

describe('X rules: escalation routing', () => {
  it('RS-X-002 sends uncertain state-actor risk to the national advisor, institution-level without personal data', () => {
    const assessment = run(aCase({ partners: [aPartner({ dueDiligence: { ...aPartner().dueDiligence, militaryOrSecurityAffiliation: 'unsure' } })] }));
    expect(assessment.escalationRecommendation.targets).toEqual([
      { target: 'national_advisor', rule: 'RS-X-002', triggeredBy: ['RS-P-002'], payload: 'institution_level', personalData: false, slaDays: 20 },
    ]);
  });

  it('RS-X-005 adds a funder-led review for high funding proposals when the policy asks for it', () => {
    const highCase = aCase({
      kind: 'funding_proposal',
      technologyAreas: ['ai'],
      researchStage: 'applied',
      reviewerJudgement: { foreseeableSecurityApplication: 'none' },
      partners: [aPartner({ dueDiligence: { ...aPartner().dueDiligence, stateControlOrCompellability: 'yes' } })],
    });
    expect(run(highCase).escalationRecommendation.targets).toEqual([]);
    expect(run(highCase, { policy: { funderReview: true } }).escalationRecommendation.targets).toMatchObject([
      { target: 'research_security_office', rule: 'RS-X-005' },
    ]);
  });

  it('gives every escalate route a recipient', () => {
    const veryHigh = run(
      aCase({
        technologyAreas: ['energy'],
        researchStage: 'applied',
        reviewerJudgement: { foreseeableSecurityApplication: 'none' },
        partners: [aPartner({ dueDiligence: { ...aPartner().dueDiligence, sourceOfFundsDisclosed: 'no' } })],
      }),
      { policy: { routing: { low: 'auto_clear', medium: 'review', high: 'escalate', very_high: 'escalate' } } },
    );
    expect(veryHigh.route).toBe('escalate');
    expect(veryHigh.escalationRecommendation.targets.map((t) => t.target)).toEqual(['national_advisor']);
  });
});
