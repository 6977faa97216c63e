// The engine: appraise(case, policy, index) → assessment. Pure and deterministic: no clock, no
// randomness, no I/O; the same input gives a deep-equal output.
import { capCountryContext, inFastLane, matrixLevel, type Axes } from './combine/combine-level';
import { dimensionLevels } from './combine/dimensions';
import { recommendEscalation } from './combine/escalation';
import { finaliseHit, type FinalisedHit } from './combine/finalise-finding';
import { decideRoute } from './combine/route';
import type { Assessment, Finding } from './model/assessment';
import type { CaseSnapshot } from './model/case-snapshot';
import {
  COUNTERPARTY_LEVELS,
  highestOf,
  INTEGRITY_MODIFIERS,
  RESEARCH_LEVELS,
  type CounterpartyLevel,
  type IntegrityModifier,
  type ResearchLevel,
} from './model/levels';
import type { AppraisalPolicy, Thresholds } from './model/policy';
import type { ReferenceIndex } from './model/reference';
import { RULE_PHASES, type RuleDefinition } from './model/rule';
import { RULE_CATALOGUE } from './rules/rule-catalogue';
import { screenCase } from './screening/screen-case';
import { EMPTY_SCREENING, type ScreeningResult } from './screening/screening-result';

export function isRuleEnabled(rule: RuleDefinition, policy: AppraisalPolicy): boolean {
  if (rule.pack !== 'ALL' && !policy.packs.includes(rule.pack)) return false;
  // Guardrails cannot be switched off, whatever the policy says.
  if (rule.id.startsWith('RS-F-')) return true;
  return policy.rules[rule.id]?.enabled !== false;
}

export function thresholdsFor(ruleId: string, policy: AppraisalPolicy): Thresholds {
  return { ...policy.thresholds, ...(policy.rules[ruleId]?.thresholds ?? {}) };
}

export function appraise(caseSnapshot: CaseSnapshot, policy: AppraisalPolicy, referenceIndex: ReferenceIndex): Assessment {
  const rules = RULE_CATALOGUE.filter((rule) => isRuleEnabled(rule, policy));
  const results: FinalisedHit[] = [];
  const fired = new Set<string>();
  let research: ResearchLevel = 'R0';
  let screening: ScreeningResult = EMPTY_SCREENING;

  for (const phase of RULE_PHASES) {
    if (phase === 'counterparty') {
      screening = screenCase(caseSnapshot, policy, referenceIndex, {
        matchThresholds: thresholdsFor('RS-L-007', policy),
        ownershipThresholds: thresholdsFor('RS-L-008', policy),
        research,
      });
    }
    for (const rule of rules.filter((r) => r.phase === phase)) {
      const hits = rule.evaluate({
        snapshot: caseSnapshot,
        policy,
        thresholds: thresholdsFor(rule.id, policy),
        research,
        screening,
        fired,
      });
      for (const hit of hits) results.push(finaliseHit(rule, hit, policy));
      if (hits.length > 0) fired.add(rule.id);
    }
    if (phase === 'research') {
      research = highestOf(RESEARCH_LEVELS, results.flatMap((r) => (r.hit.research ? [r.hit.research] : [])), 'R0');
    }
  }

  const counterpartyOf = (items: readonly FinalisedHit[]): CounterpartyLevel =>
    highestOf(COUNTERPARTY_LEVELS, items.flatMap((r) => (r.counterparty ? [r.counterparty] : [])), 'C0');
  const integrity: IntegrityModifier = highestOf(
    INTEGRITY_MODIFIERS,
    results.flatMap((r) => (r.hit.integrity ? [r.hit.integrity] : [])),
    'I0',
  );
  const axes: Axes = { research, counterparty: counterpartyOf(results), integrity };
  const withoutCountry: Axes = { ...axes, counterparty: counterpartyOf(results.filter((r) => r.hit.countryContext !== true)) };
  const level = capCountryContext(
    matrixLevel(policy, axes),
    matrixLevel(policy, withoutCountry),
    policy.countryContext.cap,
  );

  const findings = sortFindings(results.map((r) => r.finding));
  const route = decideRoute(policy, level, findings, inFastLane(axes));
  const dimensions = dimensionLevels(findings);
  const escalationRecommendation = recommendEscalation(policy, {
    findings,
    level,
    route,
    counterparty: axes.counterparty,
    dimensions,
    caseKind: caseSnapshot.kind,
  });

  return {
    referenceLists: [...referenceIndex.versions()]
      .map((v) => ({ listId: v.listId, version: v.version }))
      .sort((a, b) => compare(a.listId, b.listId) || a.version - b.version),
    research: axes.research,
    counterparty: axes.counterparty,
    integrity: axes.integrity,
    level,
    route,
    dimensions,
    findings,
    escalationRecommendation,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  const key = (f: Finding) => `${String(f.evidence.listId ?? '')}\u0000${String(f.evidence.entryId ?? '')}`;
  return [...findings].sort(
    (a, b) => compare(a.rule, b.rule) || compare(a.subject, b.subject) || compare(key(a), key(b)),
  );
}
