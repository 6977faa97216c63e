import fc from 'fast-check';
import type { CaseSnapshot } from '../model/case-snapshot';
import { rankOf, RISK_LEVELS } from '../model/levels';
import type { AppraisalPolicy } from '../model/policy';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { POLICY_DOCUMENT_SCHEMA } from '../policy/policy-document.schema';
import { aCase, aPartner, aPerson } from '../testing/case-snapshot.fixture';
import { run } from '../testing/appraisal-harness';
import { ALL_LISTS } from '../testing/reference-list.fixture';
import { normaliseName } from '../reference-index/normalise-name';

// RS-F-001/F-002 as properties: no country a partner may have, and no spelling of a person's name,
// can move a case above `medium` when neither is on a list.

const MEDIUM = rankOf(RISK_LEVELS, 'medium');
const country = fc.stringMatching(/^[A-Z]{2}$/);
const listedNames = new Set(ALL_LISTS.flatMap((list) => list.entries.flatMap((entry) => [entry.name, ...(entry.aliases ?? [])])).map(normaliseName));

/** A policy whose packs and country context read partner countries as much as a policy may. */
const COUNTRY_AWARE_POLICY: Partial<AppraisalPolicy> = {
  packs: ['CA-STRAC', 'US-FEDERAL', 'US-DOD'],
  countryContext: {
    cap: 'medium',
    jurisdictions: [
      { country: 'XX', legalBasis: 'test statute §1', counterparty: 'C2' },
      { country: 'YY', legalBasis: 'test statute §2', counterparty: 'C2' },
    ],
  },
  foreignCountriesOfConcern: { countries: ['XX', 'YY'], legalBasis: 'test statute §3' },
};

const BASE_CASES: Record<string, CaseSnapshot> = {
  'a fundamental open project': aCase(),
  'an applied project in a sensitive technology': aCase({ technologyAreas: ['quantum'], researchStage: 'applied', publicationIntent: 'open' }),
};

const levelRank = (snapshot: CaseSnapshot, policy?: Partial<AppraisalPolicy>): number => rankOf(RISK_LEVELS, run(snapshot, { policy }).level);

describe('fairness properties (fast-check)', () => {
  for (const [name, base] of Object.entries(BASE_CASES)) {
    for (const [policyName, policy] of [
      ['the default policy', undefined],
      ['a country-aware policy', COUNTRY_AWARE_POLICY],
    ] as const) {
      describe(`${name}, under ${policyName}`, () => {
        it('starts at medium or below', () => {
          expect(levelRank(base, policy)).toBeLessThanOrEqual(MEDIUM);
        });

        it('never goes above medium whatever country its (unlisted) partners and funders have', () => {
          fc.assert(
            fc.property(fc.array(country, { minLength: 1, maxLength: 4 }), country, (countries, funderCountry) => {
              const snapshot: CaseSnapshot = {
                ...base,
                partners: countries.map((code, index) => aPartner({ name: `Northwind Research Institute ${index + 1}`, country: code })),
                fundingSources: [{ funder: { name: 'Open Science Fund', country: funderCountry }, kind: 'grant' }],
              };
              return levelRank(snapshot, policy) <= MEDIUM;
            }),
            { numRuns: 150 },
          );
        });

        it('never goes above medium whatever the spelling of a person who is on no legal list', () => {
          fc.assert(
            fc.property(
              fc.stringMatching(/^[A-Za-zÀ-ÿ' -]{2,40}$/).filter((spelling) => !listedNames.has(normaliseName(spelling))),
              (spelling) => levelRank({ ...base, personnel: [aPerson({ name: spelling })] }, policy) <= MEDIUM,
            ),
            { numRuns: 150 },
          );
        });
      });
    }
  }
});

// Compile-time: no key anywhere in the snapshot type reads a person's origin. The assignment
// below stops compiling the day such a field is added.
type KeysDeep<T, Depth extends unknown[] = []> = Depth['length'] extends 6
  ? never
  : T extends readonly (infer Item)[]
    ? KeysDeep<Item, [...Depth, unknown]>
    : T extends object
      ? { [K in keyof T]-?: K | KeysDeep<NonNullable<T[K]>, [...Depth, unknown]> }[keyof T]
      : never;
type OriginLike<K> = K extends string
  ? Lowercase<K> extends `${string}nationalit${string}` | `${string}citizen${string}` | `${string}ethnic${string}` | `${string}birth${string}`
    ? K
    : never
  : never;
const snapshotHasNoOriginField: [OriginLike<KeysDeep<CaseSnapshot>>] extends [never] ? true : false = true;
const policyHasNoOriginField: [OriginLike<KeysDeep<AppraisalPolicy>>] extends [never] ? true : false = true;

function propertyNamesDeep(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema as Record<string, unknown>).flatMap(([key, value]) =>
    key === 'properties' && typeof value === 'object' && value !== null
      ? [...Object.keys(value), ...propertyNamesDeep(value)]
      : propertyNamesDeep(value),
  );
}

describe('no nationality-like field', () => {
  it('exists in the case snapshot type or the policy type (checked when this file compiles)', () => {
    expect(snapshotHasNoOriginField).toBe(true);
    expect(policyHasNoOriginField).toBe(true);
  });

  it('exists in the published policy schema or the default policy', () => {
    const names = [...propertyNamesDeep(POLICY_DOCUMENT_SCHEMA), ...Object.keys(DEFAULT_POLICY)];
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((name) => /nationalit|citizen|ethnic|birth/i.test(name))).toEqual([]);
  });
});
