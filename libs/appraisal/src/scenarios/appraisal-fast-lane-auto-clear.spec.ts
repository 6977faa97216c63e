import { aCase, aPartner } from '../testing/case-snapshot.fixture';
import { run } from '../testing/appraisal-harness';

describe('appraisal: proportionality fast lane (RS-F-006)', () => {
  it('clears an open basic-research collaboration with a verified partner automatically', () => {
    const assessment = run(aCase());

    expect(assessment).toMatchObject({
      research: 'R0',
      counterparty: 'C0',
      integrity: 'I0',
      level: 'low',
      route: 'auto_clear',
      findings: [],
      escalationRecommendation: { targets: [] },
      dimensions: { knowledge_transfer: 'low', interference: 'low', ethics: 'low', integrity: 'low', legal: 'low' },
    });
    expect(assessment.referenceLists).toEqual([
      { listId: 'test-entity-list', version: 2 },
      { listId: 'test-nro', version: 5 },
      { listId: 'test-sanctions', version: 3 },
      { listId: 'test-watch', version: 1 },
    ]);
  });

  it('still clears R1 × C1: a listed area in open basic research with an unidentified partner', () => {
    const partner = aPartner({ identifiers: {}, dueDiligence: {} });
    const assessment = run(aCase({ technologyAreas: ['energy'], partners: [partner] }));

    expect([assessment.research, assessment.counterparty, assessment.integrity]).toEqual(['R1', 'C1', 'I0']);
    expect(assessment.route).toBe('auto_clear');
    expect(assessment.findings.map((f) => [f.rule, f.effect])).toEqual([
      ['RS-P-001', 'none'],
      ['RS-T-001', 'none'],
    ]);
  });

  it('leaves the fast lane as soon as one axis is outside it', () => {
    const assessment = run(aCase({ technologyAreas: ['quantum'], researchStage: 'applied' }));

    expect(assessment.research).toBe('R2');
    expect(assessment.route).toBe('review');
  });

  it('does not auto-clear a fast-lane case when a finding asks for a human', () => {
    const assessment = run(aCase({ technologyAreas: [] }));

    expect([assessment.research, assessment.counterparty, assessment.integrity]).toEqual(['R0', 'C0', 'I0']);
    expect(assessment.level).toBe('low');
    expect(assessment.route).toBe('review');
  });
});
