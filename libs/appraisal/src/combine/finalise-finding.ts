// Applies the policy's per-rule overrides, then the guardrails no override can lift:
// S4/ineligible need a recorded basis and never rest on an [M] item; country context stays
// ≤ S2 / mitigate / C2 (RS-F-002); dissemination restrictions need a legal basis (RS-F-005).
import type { Finding } from '../model/assessment';
import {
  COUNTERPARTY_LEVELS,
  EFFECTS,
  rankOf,
  SEVERITIES,
  type CounterpartyLevel,
  type Effect,
  type Severity,
} from '../model/levels';
import { DISSEMINATION_RESTRICTIONS } from '../model/mitigations';
import type { AppraisalPolicy } from '../model/policy';
import type { RuleDefinition, RuleHit } from '../model/rule';

export interface FinalisedHit {
  readonly finding: Finding;
  readonly hit: RuleHit;
  readonly counterparty?: CounterpartyLevel;
}

function atMost<T extends string>(scale: readonly T[], value: T, max: T): T {
  return rankOf(scale, value) > rankOf(scale, max) ? max : value;
}

export function finaliseHit(rule: RuleDefinition, hit: RuleHit, policy: AppraisalPolicy): FinalisedHit {
  const override = policy.rules[rule.id];
  let severity: Severity = override?.severity ?? hit.severity;
  let effect: Effect = override?.effect ?? hit.effect;
  let counterparty = hit.counterparty;

  const hardAllowed = rule.basis !== undefined && rule.confidence !== 'M';
  if (!hardAllowed) {
    severity = atMost(SEVERITIES, severity, 'S3');
    effect = atMost(EFFECTS, effect, 'escalate');
    if (counterparty !== undefined) counterparty = atMost(COUNTERPARTY_LEVELS, counterparty, 'C3');
  }
  if (hit.countryContext === true) {
    severity = atMost(SEVERITIES, severity, 'S2');
    effect = atMost(EFFECTS, effect, 'mitigate');
    if (counterparty !== undefined) counterparty = atMost(COUNTERPARTY_LEVELS, counterparty, 'C2');
  }
  const mitigations = rule.basis === undefined
    ? hit.mitigations.filter((m) => !DISSEMINATION_RESTRICTIONS.includes(m))
    : [...hit.mitigations];

  const evidence = {
    ...hit.evidence,
    ...((severity === 'S4' || effect === 'ineligible') && rule.basis !== undefined ? { legalBasis: rule.basis } : {}),
    ...(hit.countryContext === true ? { countryContext: true } : {}),
  };

  return {
    hit,
    ...(counterparty !== undefined ? { counterparty } : {}),
    finding: {
      rule: rule.id,
      ruleVersion: rule.version,
      severity,
      effect,
      dimension: hit.dimension ?? rule.dimension,
      subject: hit.subject,
      evidence,
      explanation: hit.explanation,
      mitigations: [...new Set(mitigations)].sort(),
    },
  };
}
