import type { Severity } from '../model/levels';
import {
  LEGAL_LIST_KINDS,
  type AdvisoryRating,
  type ListKind,
  type ReferenceCandidate,
  type ReferenceIndex,
  type ReferenceListVersion,
  type ReferenceQuery,
  type SubjectKind,
} from '../model/reference';
import { normaliseIdentifier, normaliseName } from './normalise-name';

/**
 * What a list entry is: an organisation, a person, or a legal entity that may be either (FtM
 * `LegalEntity`: BIS Denied Persons as OpenSanctions publishes it is mostly persons). A legal
 * entity meets both person and organisation queries.
 */
export type EntrySchema = SubjectKind | 'legalEntity';

export interface ReferenceListEntry {
  readonly entryId: string;
  readonly schema: EntrySchema;
  readonly name: string;
  readonly aliases?: readonly string[];
  /** Short or acronym aliases: weak evidence, never auto-confirmed (RS-L-009). */
  readonly weakAliases?: readonly string[];
  /** Former names (FtM `previousName`, OFAC `fka`): found like aliases. */
  readonly formerNames?: readonly string[];
  /** Every country the entry has (ISO 3166-1 alpha-2, upper case). Never a person's nationality. */
  readonly countries?: readonly string[];
  /** The first of `countries`, as versions stored before `countries` existed hold it. */
  readonly country?: string;
  readonly identifiers?: { readonly ror?: string; readonly lei?: string; readonly registration?: string };
  readonly topics?: readonly string[];
  readonly rating?: AdvisoryRating;
  readonly lastChange?: string;
}

/** Every country of an entry: `countries`, or the single `country` of older stored entries. */
export function entryCountries(entry: Pick<ReferenceListEntry, 'countries' | 'country'>): readonly string[] {
  if (entry.countries !== undefined) return entry.countries;
  return entry.country !== undefined ? [entry.country] : [];
}

/** An entry may stand for a subject of this kind (a legal entity may be either). */
export function entryMayBe(entry: Pick<ReferenceListEntry, 'schema'>, kind: SubjectKind): boolean {
  return entry.schema === kind || entry.schema === 'legalEntity';
}

export interface ReferenceList {
  readonly listId: string;
  readonly version: number;
  readonly kind: ListKind;
  readonly entries: readonly ReferenceListEntry[];
  readonly topicSeverity?: Readonly<Record<string, Severity>>;
}

// Feature weights modelled on yente logic-v2: max of main features, then qualifiers added.
// A weak alias alone stays below the default candidate threshold (0.7), in the review band (RS-L-009).
const WEIGHT = { name: 1, alias: 0.95, weakAlias: 0.65, lei: 0.95, registration: 0.85, ror: 0.95 } as const;
const COUNTRY_MISMATCH_PENALTY = 0.2;

type IdentifierKind = 'lei' | 'registration' | 'ror';
type NameFeature = 'name' | 'alias' | 'weakAlias';

interface IndexedEntry {
  readonly list: ReferenceList;
  readonly entry: ReferenceListEntry;
}

interface NamePosting {
  readonly indexed: IndexedEntry;
  readonly feature: NameFeature;
  readonly display: string;
}

/**
 * Exact normalised-name, alias and identifier index. Deterministic and good enough for tests and
 * small tenants; a fuzzy matcher can replace it behind the same `ReferenceIndex` interface.
 */
export class InMemoryReferenceIndex implements ReferenceIndex {
  private readonly byName = new Map<string, NamePosting[]>();
  private readonly byIdentifier = new Map<string, IndexedEntry[]>();
  private readonly lists: readonly ReferenceList[];

  constructor(lists: readonly ReferenceList[]) {
    this.lists = [...lists].sort((a, b) => compare(a.listId, b.listId));
    for (const list of this.lists) {
      for (const entry of list.entries) {
        const indexed: IndexedEntry = { list, entry };
        this.addName(entry.name, 'name', indexed);
        for (const alias of entry.aliases ?? []) this.addName(alias, 'alias', indexed);
        for (const former of entry.formerNames ?? []) this.addName(former, 'alias', indexed);
        for (const alias of entry.weakAliases ?? []) this.addName(alias, 'weakAlias', indexed);
        for (const kind of ['lei', 'registration', 'ror'] as const) {
          const key = normaliseIdentifier(entry.identifiers?.[kind]);
          if (key !== undefined) push(this.byIdentifier, `${kind}:${key}`, indexed);
        }
      }
    }
  }

  versions(): ReferenceListVersion[] {
    return this.lists.map((list) => ({ listId: list.listId, version: list.version }));
  }

  lookup(query: ReferenceQuery): ReferenceCandidate[] {
    const found = new Map<string, { indexed: IndexedEntry; names: Map<NameFeature, string>; identifier?: IdentifierKind }>();
    const touch = (indexed: IndexedEntry) => {
      const key = `${indexed.list.listId}\u0000${indexed.entry.entryId}`;
      let slot = found.get(key);
      if (slot === undefined) {
        slot = { indexed, names: new Map() };
        found.set(key, slot);
      }
      return slot;
    };

    for (const queryName of [query.name, ...(query.aliases ?? [])]) {
      const key = normaliseName(queryName);
      if (key === undefined) continue;
      for (const posting of this.byName.get(key) ?? []) {
        const slot = touch(posting.indexed);
        if (!slot.names.has(posting.feature)) slot.names.set(posting.feature, posting.display);
      }
    }
    for (const kind of ['lei', 'registration', 'ror'] as const) {
      const key = normaliseIdentifier(query.identifiers?.[kind]);
      if (key === undefined) continue;
      for (const indexed of this.byIdentifier.get(`${kind}:${key}`) ?? []) {
        const slot = touch(indexed);
        if (slot.identifier === undefined || WEIGHT[kind] > WEIGHT[slot.identifier]) slot.identifier = kind;
      }
    }

    const candidates: ReferenceCandidate[] = [];
    for (const { indexed, names, identifier } of found.values()) {
      const { list, entry } = indexed;
      // Persons are screened against legal lists only (RULES §4.0), and only against person entries.
      if (!entryMayBe(entry, query.subjectKind)) continue;
      if (query.subjectKind === 'person' && !LEGAL_LIST_KINDS.includes(list.kind)) continue;

      const features: Record<string, number | string> = {};
      let score = 0;
      for (const feature of ['name', 'alias', 'weakAlias'] as const) {
        if (names.has(feature)) {
          features[feature] = WEIGHT[feature];
          score = Math.max(score, WEIGHT[feature]);
        }
      }
      if (identifier !== undefined) {
        features.identifier = identifier;
        score = Math.max(score, WEIGHT[identifier]);
      }
      const country = countriesFeature(query.country, entryCountries(entry));
      features.country = country;
      if (country === 'mismatch' && identifier === undefined) score -= COUNTRY_MISMATCH_PENALTY;

      candidates.push({
        listId: list.listId,
        listVersion: list.version,
        listKind: list.kind,
        entryId: entry.entryId,
        matchedName: names.get('name') ?? names.get('alias') ?? names.get('weakAlias') ?? entry.name,
        score: round(Math.max(0, Math.min(1, score))),
        features,
        topics: [...(entry.topics ?? [])].sort(),
        ...(entry.rating !== undefined ? { rating: entry.rating } : {}),
        ...(entry.lastChange !== undefined ? { lastChange: entry.lastChange } : {}),
        ...(list.topicSeverity !== undefined ? { topicSeverity: list.topicSeverity } : {}),
      });
    }
    return candidates.sort(
      (a, b) => b.score - a.score || compare(a.listId, b.listId) || compare(a.entryId, b.entryId),
    );
  }

  private addName(name: string, feature: NameFeature, indexed: IndexedEntry): void {
    const key = normaliseName(name);
    if (key !== undefined) push(this.byName, key, { indexed, feature, display: name });
  }
}

/** A mismatch only when the entry has countries and none agrees with the query's. */
function countriesFeature(query: string | undefined, entry: readonly string[]): 'agree' | 'mismatch' | 'unknown' {
  if (query === undefined || entry.length === 0) return 'unknown';
  return entry.some((country) => country.toLowerCase() === query.toLowerCase()) ? 'agree' : 'mismatch';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, [value]);
  else bucket.push(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
