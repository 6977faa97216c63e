import { assessResidualRisk } from '../combine/residual-risk';
import type { Finding } from '../model/assessment';
import { aCase, aPartner } from '../testing/case-snapshot.fixture';
import { run } from '../testing/appraisal-harness';

describe('appraisal: residual risk once an agreed mitigation plan is taken into account', () => {
  const military = aCase({
    researchStage: 'experimental_development',
    technologyAreas: ['quantum'],
    exportControl: { relevant: true, classifications: ['6A005'] },
    partners: [aPartner({ name: 'Defence Research Lab', country: 'NL', type: 'military', identifiers: {} })],
  });

  const significantMeasures = (findings: readonly Finding[]) =>
    [...new Set(findings.filter((f) => ['S2', 'S3'].includes(f.severity)).flatMap((f) => f.mitigations))].map((measure) => ({ measure, strength: 'required' as const }));

  it('drops one level when every significant finding is addressed by a required measure', () => {
    const assessment = run(military);
    expect(['high', 'very_high']).toContain(assessment.level);
    const residual = assessResidualRisk(assessment, significantMeasures(assessment.findings));
    expect(residual.unmitigatedRules).toEqual([]);
    expect(residual.mitigatedRules.length).toBeGreaterThan(0);
    expect(residual.residualLevel).toBe(assessment.level === 'very_high' ? 'high' : 'medium');
    expect(residual.explanation).toContain('becomes');
  });

  it('stays where it is when a significant finding is left unaddressed, naming it', () => {
    const assessment = run(military);
    const left = assessment.findings.find((f) => ['S2', 'S3'].includes(f.severity) && f.mitigations.length > 0);
    expect(left).toBeDefined();
    const measures = significantMeasures(assessment.findings).filter((m) => !left!.mitigations.includes(m.measure));
    const residual = assessResidualRisk(assessment, measures);
    expect(residual.unmitigatedRules).toContain(left!.rule);
    expect(residual.residualLevel).toBe(assessment.level);
    expect(residual.explanation).toContain(left!.rule);
  });

  it('never counts suggested measures', () => {
    const assessment = run(military);
    const suggested = significantMeasures(assessment.findings).map((m) => ({ ...m, strength: 'suggested' as const }));
    expect(assessResidualRisk(assessment, suggested)).toMatchObject({ residualLevel: assessment.level, mitigatedRules: [] });
  });

  const finding = (rule: string, severity: Finding['severity'], effect: Finding['effect'], mitigations: Finding['mitigations']): Finding => ({
    rule,
    ruleVersion: 1,
    severity,
    effect,
    dimension: 'legal',
    subject: '/partners/0',
    evidence: {},
    explanation: '',
    mitigations,
  });

  it('keeps a blocked case blocked and never addresses an unmitigable finding', () => {
    const residual = assessResidualRisk({ level: 'blocked', findings: [finding('RS-L-001', 'S4', 'ineligible', ['MIT-07'])] }, [{ measure: 'MIT-07', strength: 'required' }]);
    expect(residual).toMatchObject({ residualLevel: 'blocked', mitigatedRules: [], unmitigatedRules: ['RS-L-001'] });
  });

  it('ignores findings below S2 and leaves a low case low', () => {
    expect(assessResidualRisk({ level: 'medium', findings: [finding('RS-P-001', 'S1', 'none', [])] }, [])).toMatchObject({ residualLevel: 'medium', mitigatedRules: [], unmitigatedRules: [] });
    expect(assessResidualRisk({ level: 'low', findings: [] }, [])).toMatchObject({ residualLevel: 'low' });
  });

  it('is deterministic: the same plan gives the same answer', () => {
    const assessment = run(military);
    const measures = significantMeasures(assessment.findings);
    expect(assessResidualRisk(assessment, measures)).toEqual(assessResidualRisk(assessment, [...measures].reverse()));
  });
});
