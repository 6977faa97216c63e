// X rules: escalation routing. Advisory bodies get institution-level packages only (RS-F-008).
import type {
  DimensionLevels,
  EscalationRecommendation,
  EscalationTarget,
  EscalationTargetRecommendation,
  Finding,
} from '../model/assessment';
import { COUNTERPARTY_LEVELS, rankOf, type CounterpartyLevel, type RiskLevel, type Route } from '../model/levels';
import type { AppraisalPolicy } from '../model/policy';
import type { CaseKind } from '../model/case-snapshot';

export interface EscalationInput {
  readonly findings: readonly Finding[];
  readonly level: RiskLevel;
  readonly route: Route;
  readonly counterparty: CounterpartyLevel;
  readonly dimensions: DimensionLevels;
  readonly caseKind: CaseKind;
}

interface TargetSpec {
  readonly rule: string;
  readonly target: EscalationTarget;
  readonly payload: EscalationTargetRecommendation['payload'];
}

const X001: TargetSpec = { rule: 'RS-X-001', target: 'ethics_committee', payload: 'full_internal' };
const X002: TargetSpec = { rule: 'RS-X-002', target: 'national_advisor', payload: 'institution_level' };
const X003: TargetSpec = { rule: 'RS-X-003', target: 'export_control', payload: 'item_classification' };
const X004: TargetSpec = { rule: 'RS-X-004', target: 'legal', payload: 'match_evidence' };
const X005: TargetSpec = { rule: 'RS-X-005', target: 'research_security_office', payload: 'full_internal' };

const UNCERTAIN_STATE_ACTOR = new Set(['RS-P-002', 'RS-P-003']);

function isUncertainStateActor(f: Finding): boolean {
  return UNCERTAIN_STATE_ACTOR.has(f.rule) && f.evidence.answer === 'unsure';
}

function isSanctionsMatter(f: Finding): boolean {
  if (f.rule === 'RS-C-007') return true;
  if (f.rule === 'RS-L-001') return f.effect === 'ineligible';
  return f.rule === 'RS-L-008' && f.evidence.inheritedRule === 'RS-L-001' && f.evidence.status === 'confirmed';
}

export function recommendEscalation(policy: AppraisalPolicy, input: EscalationInput): EscalationRecommendation {
  const triggers = new Map<TargetSpec, Set<string>>();
  const add = (spec: TargetSpec, rule: string) => {
    const set = triggers.get(spec) ?? new Set<string>();
    set.add(rule);
    triggers.set(spec, set);
  };

  for (const f of input.findings) {
    if (f.rule === 'RS-E-001' || f.rule === 'RS-E-003') add(X001, f.rule);
    if (isUncertainStateActor(f)) add(X002, f.rule);
    if (f.rule === 'RS-T-004' || (f.rule === 'RS-L-002' && f.effect !== 'none')) add(X003, f.rule);
    if (isSanctionsMatter(f)) add(X004, f.rule);
  }
  if (input.level === 'very_high' && input.dimensions.ethics !== 'low') add(X001, 'RS-C-008');
  if (policy.funderReview && input.caseKind === 'funding_proposal' && (input.level === 'high' || input.level === 'very_high')) {
    add(X005, 'RS-C-008');
  }
  if (input.route === 'escalate' && triggers.size === 0) {
    // An escalation always needs a recipient: institution risk goes to national advice, the rest
    // to the research-security office.
    const institutionRisk = rankOf(COUNTERPARTY_LEVELS, input.counterparty) >= rankOf(COUNTERPARTY_LEVELS, 'C2');
    add(institutionRisk ? X002 : X005, 'RS-C-008');
  }

  const targets = [...triggers.entries()]
    .map(([spec, rules]): EscalationTargetRecommendation => ({
      target: spec.target,
      rule: spec.rule,
      triggeredBy: [...rules].sort(),
      payload: spec.payload,
      // National advisors never receive personal data (RS-F-008); legal needs person matches.
      personalData:
        spec.target === 'national_advisor'
          ? false
          : input.findings.some((f) => rules.has(f.rule) && f.subject.startsWith('/personnel/')),
      slaDays: policy.slaDays[spec.target],
    }))
    .sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return { targets };
}
