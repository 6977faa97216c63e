import type { Assessment, Finding } from '../model/assessment';
import { rankOf, RISK_LEVELS, SEVERITIES, type RiskLevel } from '../model/levels';
import type { MitigationId } from '../model/mitigations';

export interface AgreedMeasure {
  readonly measure: MitigationId;
  readonly strength: 'required' | 'recommended' | 'suggested';
}

export interface ResidualAssessment {
  readonly inherentLevel: RiskLevel;
  readonly residualLevel: RiskLevel;
  /** Rule ids of the significant findings an agreed measure addresses, and of those none does. */
  readonly mitigatedRules: readonly string[];
  readonly unmitigatedRules: readonly string[];
  readonly explanation: string;
}

const SIGNIFICANT = rankOf(SEVERITIES, 'S2');

/** A finding that no measure can address: a legal bar (S4) or an ineligibility. */
function unmitigable(finding: Finding): boolean {
  return finding.severity === 'S4' || finding.effect === 'ineligible';
}

/**
 * The risk left once an agreed mitigation plan is taken into account. A significant finding (S2
 * and above) counts as addressed when the plan takes, as `required` or `recommended`, one of the
 * measures the finding's own rule names; `suggested` measures never lower risk. When every
 * significant finding is addressed the level drops one step; otherwise it stays. A blocked case
 * stays blocked, and an unmitigable finding (S4, ineligible) is never addressed.
 */
export function assessResidualRisk(assessment: Pick<Assessment, 'level' | 'findings'>, measures: readonly AgreedMeasure[]): ResidualAssessment {
  const binding = new Set(measures.filter((m) => m.strength !== 'suggested').map((m) => m.measure));
  const significant = assessment.findings.filter((finding) => rankOf(SEVERITIES, finding.severity) >= SIGNIFICANT);
  const addressed = (finding: Finding): boolean => !unmitigable(finding) && finding.mitigations.some((id) => binding.has(id));
  const mitigatedRules = [...new Set(significant.filter(addressed).map((f) => f.rule))].sort();
  const unmitigatedRules = [...new Set(significant.filter((f) => !addressed(f)).map((f) => f.rule))].sort();
  const inherentLevel = assessment.level;
  if (inherentLevel === 'blocked' || inherentLevel === 'low' || significant.length === 0 || unmitigatedRules.length > 0) {
    const why =
      inherentLevel === 'blocked'
        ? 'A blocked case stays blocked: no measure lifts a legal bar.'
        : unmitigatedRules.length > 0
          ? `The agreed measures do not address ${unmitigatedRules.join(', ')}: the risk stays ${inherentLevel}.`
          : `Nothing significant to mitigate: the risk stays ${inherentLevel}.`;
    return { inherentLevel, residualLevel: inherentLevel, mitigatedRules, unmitigatedRules, explanation: why };
  }
  const residualLevel = RISK_LEVELS[rankOf(RISK_LEVELS, inherentLevel) - 1];
  return {
    inherentLevel,
    residualLevel,
    mitigatedRules,
    unmitigatedRules,
    explanation: `Every significant finding (${mitigatedRules.join(', ')}) is addressed by a required or recommended measure: ${inherentLevel} becomes ${residualLevel}.`,
  };
}
