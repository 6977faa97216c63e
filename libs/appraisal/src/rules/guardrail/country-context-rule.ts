// RS-F-002: a pack may declare a country signal for organisations and funders, with its legal
// basis. It is country context: the engine caps what it can do to the level (never above medium).
import type { RuleDefinition, RuleHit } from '../../model/rule';

export const F002_COUNTRY_CONTEXT: RuleDefinition = {
  id: 'RS-F-002',
  version: 1,
  title: 'Country context on organisations and funders, declared with its legal basis',
  pack: 'ALL',
  phase: 'counterparty',
  dimension: 'interference',
  confidence: 'V',
  evaluate({ snapshot, policy }) {
    const entries = policy.countryContext.jurisdictions;
    if (entries.length === 0) return [];
    const organisations = [
      ...(snapshot.partners ?? []).map((o, i) => ({ pointer: `/partners/${i}`, org: o })),
      ...(snapshot.fundingSources ?? []).map((f, i) => ({ pointer: `/fundingSources/${i}/funder`, org: f.funder })),
    ];
    const hits: RuleHit[] = [];
    for (const { pointer, org } of organisations) {
      const entry = entries.find((e) => org.country !== undefined && e.country.toUpperCase() === org.country.toUpperCase());
      if (entry === undefined) continue;
      hits.push({
        subject: pointer,
        severity: 'S1',
        effect: 'review',
        evidence: { organisation: org.name, country: entry.country, legalBasis: entry.legalBasis },
        explanation: `"${org.name}" is established in a jurisdiction the policy names under "${entry.legalBasis}". This is context only: on its own it cannot raise the case above medium.`,
        mitigations: [],
        counterparty: entry.counterparty,
        countryContext: true,
      });
    }
    return hits;
  },
};
