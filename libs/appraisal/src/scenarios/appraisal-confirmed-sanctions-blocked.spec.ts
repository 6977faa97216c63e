import { aCase, aPartner, aPerson } from '../testing/case-snapshot.fixture';
import { findings, run } from '../testing/appraisal-harness';

describe('appraisal: confirmed sanctions hit', () => {
  it('blocks the case, routes not_eligible and escalates to legal with the legal basis recorded', () => {
    const assessment = run(
      aCase({
        partners: [aPartner({ name: 'Sample Photonics Ltd', country: 'YY', identifiers: {} })],
        adjudications: [{ subject: '/partners/0', listId: 'test-sanctions', entryId: 'san-1', decision: 'confirmed' }],
      }),
    );

    expect(assessment.counterparty).toBe('C4');
    expect(assessment.level).toBe('blocked');
    expect(assessment.route).toBe('not_eligible');
    expect(findings(assessment, 'RS-C-007')).toMatchObject([{ severity: 'S4', effect: 'ineligible', evidence: { legalBasis: expect.any(String) } }]);
    expect(assessment.escalationRecommendation.targets).toMatchObject([
      { target: 'legal', rule: 'RS-X-004', triggeredBy: ['RS-C-007', 'RS-L-001'], payload: 'match_evidence' },
    ]);
    expect(assessment.dimensions.legal).toBe('high');
  });

  it('blocks for a confirmed sanctioned named person too', () => {
    const assessment = run(
      aCase({
        personnel: [aPerson({ name: 'Ivan Testperson' })],
        adjudications: [{ subject: '/personnel/0', listId: 'test-sanctions', entryId: 'san-2', decision: 'confirmed' }],
      }),
    );

    expect(assessment.level).toBe('blocked');
    expect(assessment.escalationRecommendation.targets[0]).toMatchObject({ target: 'legal', personalData: true });
  });

  it('a blocked level cannot be softened by the policy matrix', () => {
    const lenient = { matrix: { R0: { C0: 'low', C1: 'low', C2: 'low', C3: 'low' }, R1: { C0: 'low', C1: 'low', C2: 'low', C3: 'low' }, R2: { C0: 'low', C1: 'low', C2: 'low', C3: 'low' }, R3: { C0: 'low', C1: 'low', C2: 'low', C3: 'low' } } } as const;
    const assessment = run(
      aCase({
        partners: [aPartner({ name: 'Sample Photonics Ltd', identifiers: {} })],
        adjudications: [{ subject: '/partners/0', listId: 'test-sanctions', entryId: 'san-1', decision: 'confirmed' }],
      }),
      { policy: lenient },
    );
    expect(assessment.level).toBe('blocked');
  });
});
