import type { Dimension } from '../model/levels';
import type { PackId } from '../model/policy';
import { RULE_CATALOGUE, ruleById } from './rule-catalogue';

export interface RuleMetadata {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly pack: PackId | 'ALL';
  readonly dimension: Dimension;
  readonly basis?: string;
}

/** The implemented rules, for reason codes, admin screens and policy editors. */
export function ruleCatalogue(): RuleMetadata[] {
  return RULE_CATALOGUE.map((rule) => ({
    id: rule.id,
    version: rule.version,
    title: rule.title,
    pack: rule.pack,
    dimension: rule.dimension,
    ...(rule.basis !== undefined ? { basis: rule.basis } : {}),
  }));
}

/**
 * Rules that are properties of the engine (combination, guardrails, escalation routing) rather
 * than catalogue entries, with their RULES §4.5 titles, so a reason code citing one still reads.
 */
const ENGINE_RULE_TITLES: ReadonlyMap<string, string> = new Map(Object.entries({
  'RS-C-008': 'Combination matrix: research sensitivity × counterparty risk (+ integrity) → risk level',
  'RS-F-001': 'No person-level nationality, citizenship, ethnicity or birthplace inputs',
  'RS-F-002': 'Country signals only at organisation, funder or legal-regime level',
  'RS-F-003': 'Co-authorship alone is not a risk factor',
  'RS-F-004': 'Due process for adverse outcomes: reasons, response window, four-eyes, appeal',
  'RS-F-005': 'Dissemination restrictions only with a recorded legal basis',
  'RS-F-006': 'Proportionality fast lane',
  'RS-F-007': 'Outcome-disparity monitoring',
  'RS-F-008': 'Data minimisation in escalations',
  'RS-F-009': 'Explainability and replay',
  'RS-X-001': 'Escalation to the ethics committee',
  'RS-X-002': 'Escalation to the national contact point',
  'RS-X-003': 'Escalation to export control',
  'RS-X-004': 'Escalation to legal / sanctions compliance',
  'RS-X-005': 'Escalation to the funder research-security office',
}));

/** The title of a rule id (`RS-L-001` → its title), catalogue first; null for an unknown id. */
export function ruleTitle(id: string): string | null {
  return ruleById(id)?.title ?? ENGINE_RULE_TITLES.get(id) ?? null;
}
