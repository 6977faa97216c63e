// Every rule the engine runs, in catalogue order. F rules other than RS-F-002 are properties of
// the engine (combine/, policy/) rather than entries here.
import type { RuleDefinition } from '../model/rule';
import { DISCLOSURE_RULES } from './disclosure/disclosure-rules';
import { ETHICS_RULES } from './ethics/ethics-rules';
import { F002_COUNTRY_CONTEXT } from './guardrail/country-context-rule';
import { LIST_RULES } from './list/list-rules';
import { PACK_RULES } from './pack/pack-rules';
import { PARTNER_RULES } from './partner/partner-rules';
import { TECHNOLOGY_RULES } from './technology/technology-rules';

export const RULE_CATALOGUE: readonly RuleDefinition[] = [
  ...DISCLOSURE_RULES,
  ...TECHNOLOGY_RULES,
  ...LIST_RULES,
  ...PARTNER_RULES,
  ...PACK_RULES,
  ...ETHICS_RULES,
  F002_COUNTRY_CONTEXT,
];

/** RULES §4.5 F guardrails: never disabled by a policy. */
export const GUARDRAIL_RULE_IDS: readonly string[] = [
  'RS-F-001', 'RS-F-002', 'RS-F-003', 'RS-F-004', 'RS-F-005', 'RS-F-006', 'RS-F-007', 'RS-F-008', 'RS-F-009',
];

export function ruleById(id: string): RuleDefinition | undefined {
  return RULE_CATALOGUE.find((rule) => rule.id === id);
}
