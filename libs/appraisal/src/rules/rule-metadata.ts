import type { Dimension } from '../model/levels';
import type { PackId } from '../model/policy';
import { RULE_CATALOGUE } from './rule-catalogue';

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
