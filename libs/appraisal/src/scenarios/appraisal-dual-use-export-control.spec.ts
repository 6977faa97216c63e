import { aCase, aPartner } from '../testing/case-snapshot.fixture';
import { findings, run } from '../testing/appraisal-harness';

describe('appraisal: dual-use technology with export-control relevance', () => {
  const dualUse = aCase({
    kind: 'funding_proposal',
    title: 'Radiation-hardened photonic chips',
    researchStage: 'applied',
    publicationIntent: 'restricted',
    technologyAreas: ['semiconductors'],
    exportControl: { relevant: true, classifications: ['3A001'] },
    reviewerJudgement: { foreseeableSecurityApplication: 'Space and defence electronics' },
    partners: [aPartner({ name: 'Example Defence Electronics Research Institute 7', country: 'XX', identifiers: {} })],
  });

  it('is R3, escalates to the export-control officer and keeps the list candidate for adjudication', () => {
    const assessment = run(dualUse);

    expect(assessment.research).toBe('R3');
    expect(assessment.counterparty).toBe('C0');
    expect(assessment.level).toBe('medium');
    expect(assessment.route).toBe('escalate');
    expect(findings(assessment, 'RS-T-004')).toHaveLength(1);
    expect(findings(assessment, 'RS-L-002')).toMatchObject([{ effect: 'review', evidence: { status: 'pending' } }]);
    expect(assessment.escalationRecommendation.targets).toEqual([
      { target: 'export_control', rule: 'RS-X-003', triggeredBy: ['RS-L-002', 'RS-T-004'], payload: 'item_classification', personalData: false, slaDays: 15 },
    ]);
    expect(assessment.dimensions.knowledge_transfer).toBe('high');
  });

  it('becomes very high once the restricted party is confirmed (R3 × C3)', () => {
    const assessment = run({
      ...dualUse,
      adjudications: [{ subject: '/partners/0', listId: 'test-entity-list', entryId: 'el-1', decision: 'confirmed' }],
    });

    expect([assessment.research, assessment.counterparty, assessment.level, assessment.route]).toEqual(['R3', 'C3', 'very_high', 'escalate']);
    // The confirmed `mil` topic feeds the partner check (RS-L-006 → RS-P-002).
    expect(findings(assessment, 'RS-P-002')).toHaveLength(1);
  });

  it('keeps MIT-15 (dissemination restriction) only on the rule with an export-control basis', () => {
    const assessment = run(dualUse);
    const withRestriction = assessment.findings.filter((f) => f.mitigations.includes('MIT-15')).map((f) => f.rule);
    expect(withRestriction).toEqual(['RS-T-004']);
  });
});
