// The fuzzy matcher behind the engine's ReferenceIndex: an inverted index from token keys to list
// names, so that a query scores only names sharing a (spelling-tolerant) distinctive token.
import {
  LEGAL_LIST_KINDS,
  normaliseIdentifier,
  type ReferenceCandidate,
  type ReferenceIndex,
  type ReferenceList,
  type ReferenceListEntry,
  type ReferenceListVersion,
  type ReferenceQuery,
  type SubjectKind,
} from '@ajar/appraisal';
import {
  ACRONYM_SCORE,
  COUNTRY_MISMATCH_PENALTY,
  collapsed,
  compareAnalysedAbove,
  countryFeature,
  isAcronymOf,
  round,
} from './match-names';
import { analyseName, type AnalysedName, type NameToken, type TokenCache } from './normalise-organisation-name';
import { deletions } from './phonetic-key';

// Feature weights as in the engine's simple index (yente logic-v2: max of features, qualifiers after).
const WEIGHT = { name: 1, alias: 0.95, weakAlias: 0.8, lei: 0.95, registration: 0.85, ror: 0.95 } as const;
const IDENTIFIER_KINDS = ['lei', 'registration', 'ror'] as const;
type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
type NameFeature = 'name' | 'alias' | 'weakAlias';

export interface FuzzyReferenceIndexOptions {
  /**
   * Candidates scoring below this are not returned. The default equals the engine's default
   * review-band floor, so the engine still sees every candidate it could act on.
   */
  readonly minScore?: number;
}

const DEFAULT_MIN_SCORE = 0.5;
// Typo lookups start at this key length: shorter tokens have too many one-edit neighbours.
const MIN_TYPO_KEY_LENGTH = 5;
// Analysed query names kept per index (the engine asks for the same partner names repeatedly).
const QUERY_CACHE_SIZE = 4096;

/** Postings and typo keys hold one value as itself: most keys belong to one name only. */
type Bucket<V> = V | V[];

function addTo<V>(map: Map<string, Bucket<V>>, key: string, value: V): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, value);
  else if (Array.isArray(bucket)) {
    if (bucket[bucket.length - 1] !== value) bucket.push(value);
  } else if (bucket !== value) map.set(key, [bucket, value]);
}

interface IndexedEntry {
  readonly list: ReferenceList;
  readonly entry: ReferenceListEntry;
  readonly names: readonly IndexedName[];
}

interface IndexedName {
  readonly feature: NameFeature;
  readonly display: string;
  readonly analysed: AnalysedName;
  /** The name with its distinctive tokens joined (see `compareAnalysed`), precomputed. */
  readonly collapsed: readonly NameToken[] | undefined;
}


function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


/**
 * Index keys of one token. Namespaces keep the cheap exact keys apart from the lossy ones, so a
 * Latin query only pays for skeleton and Greek keys when the other side needs them.
 */
function tokenKeys(token: NameToken): string[] {
  const keys = [`k:${token.key}`];
  if (token.skeleton.length >= 2) keys.push(token.abjad ? `S:${token.skeleton}` : `s:${token.skeleton}`);
  keys.push(token.greek ? `G:${token.lossy}` : `g:${token.lossy}`);
  return keys;
}

function queryKeys(token: NameToken): string[] {
  const keys = [`k:${token.key}`];
  if (token.skeleton.length >= 2) {
    // Abjad tokens meet every name on consonants; Latin tokens meet only abjad-derived names so.
    keys.push(`S:${token.skeleton}`);
    if (token.abjad) keys.push(`s:${token.skeleton}`);
  }
  keys.push(`G:${token.lossy}`);
  if (token.greek) keys.push(`g:${token.lossy}`);
  return keys;
}

function indexedTokens(name: AnalysedName): NameToken[] {
  const tokens = name.tokens.filter((token) => token.kind === 'distinctive');
  if (name.joined !== undefined) tokens.push(name.joined);
  return tokens;
}

/**
 * Fuzzy `ReferenceIndex`: transliteration, legal forms, abbreviations, word order, typos, acronyms
 * (weak) and identifiers (strong), with per-feature explanations. Deterministic: no clock, no
 * randomness, ties broken by list and entry id. Same candidate shape as `InMemoryReferenceIndex`.
 */
export class FuzzyReferenceIndex implements ReferenceIndex {
  private readonly lists: readonly ReferenceList[];
  private readonly entries: IndexedEntry[] = [];
  /** Token key → entry numbers (ascending, no duplicates). */
  private readonly postings = new Map<string, Bucket<number>>();
  /** One-deletion variant of an exact key → the exact keys it came from, for typo lookups. */
  private readonly typoKeys = new Map<string, Bucket<string>>();
  /** Initials of multi-word names → entry numbers, for acronym queries. */
  private readonly initials = new Map<string, Bucket<number>>();
  private readonly identifiers = new Map<string, Bucket<number>>();
  private readonly minScore: number;
  /** Name scores below this cannot change a candidate (see `score`), so they are not computed. */
  private readonly scoreFloor: number;
  /** Lookup number at which each entry was last collected: a set of hits without allocation. */
  private seen = new Uint32Array(0);
  private lookups = 0;
  private readonly queryCache = new Map<string, AnalysedName>();
  /** Shared tokens while building; dropped afterwards. */
  private tokenCache: TokenCache | undefined = new Map();

  constructor(lists: readonly ReferenceList[], options: FuzzyReferenceIndexOptions = {}) {
    this.minScore = options.minScore ?? DEFAULT_MIN_SCORE;
    // A weak alias counts from a name score of 0.95 whatever the floor; other names from minScore.
    this.scoreFloor = Math.min(this.minScore, 0.95);
    this.lists = [...lists].sort((a, b) => compare(a.listId, b.listId));
    for (const list of this.lists) {
      for (const entry of list.entries) this.add(list, entry);
    }
    this.tokenCache = undefined;
    this.seen = new Uint32Array(this.entries.length);
  }

  versions(): ReferenceListVersion[] {
    return this.lists.map((list) => ({ listId: list.listId, version: list.version }));
  }

  lookup(query: ReferenceQuery): ReferenceCandidate[] {
    const queryNames = [query.name, ...(query.aliases ?? [])]
      .filter((name) => name.trim() !== '')
      .map((name) => this.analyseQuery(name, query.subjectKind));
    const hit: number[] = [];
    if (++this.lookups === 0xffffffff) {
      this.seen.fill(0);
      this.lookups = 1;
    }
    for (const name of queryNames) this.collect(name, hit);
    const queryCollapsed = queryNames.map((name) => collapsed(name));

    const identifierHits = new Map<number, IdentifierKind>();
    for (const kind of IDENTIFIER_KINDS) {
      const key = normaliseIdentifier(query.identifiers?.[kind]);
      if (key === undefined) continue;
      const bucket = this.identifiers.get(`${kind}:${key}`);
      for (const id of bucket === undefined ? [] : Array.isArray(bucket) ? bucket : [bucket]) {
        const previous = identifierHits.get(id);
        if (previous === undefined || WEIGHT[kind] > WEIGHT[previous]) identifierHits.set(id, kind);
        this.hit(id, hit);
      }
    }

    const candidates: ReferenceCandidate[] = [];
    for (const id of hit) {
      const indexed = this.entries[id];
      if (!this.admissible(indexed, query.subjectKind)) continue;
      const candidate = this.score(indexed, queryNames, queryCollapsed, query, identifierHits.get(id));
      if (candidate !== undefined) candidates.push(candidate);
    }
    return candidates.sort((a, b) => b.score - a.score || compare(a.listId, b.listId) || compare(a.entryId, b.entryId));
  }

  private analyseQuery(name: string, kind: SubjectKind): AnalysedName {
    const cacheKey = `${kind}\u0000${name}`;
    let analysed = this.queryCache.get(cacheKey);
    if (analysed === undefined) {
      analysed = analyseName(name, kind);
      if (this.queryCache.size >= QUERY_CACHE_SIZE) this.queryCache.clear();
      this.queryCache.set(cacheKey, analysed);
    }
    return analysed;
  }

  private hit(id: number, hit: number[]): void {
    if (this.seen[id] === this.lookups) return;
    this.seen[id] = this.lookups;
    hit.push(id);
  }

  // Persons are screened against legal lists only (RULES §4.0), and only against person entries.
  private admissible(indexed: IndexedEntry, subjectKind: SubjectKind): boolean {
    if (indexed.entry.schema !== subjectKind) return false;
    return subjectKind !== 'person' || LEGAL_LIST_KINDS.includes(indexed.list.kind);
  }

  private add(list: ReferenceList, entry: ReferenceListEntry): void {
    const id = this.entries.length;
    const names: IndexedName[] = [];
    const analyse = (display: string, feature: NameFeature) => {
      if (display.trim() === '') return;
      const analysed = analyseName(display, entry.schema, this.tokenCache);
      names.push({ feature, display, analysed, collapsed: collapsed(analysed) });
    };
    analyse(entry.name, 'name');
    for (const alias of entry.aliases ?? []) analyse(alias, 'alias');
    for (const alias of entry.weakAliases ?? []) analyse(alias, 'weakAlias');
    this.entries.push({ list, entry, names });

    const keys = new Set<string>();
    for (const { analysed } of names) {
      for (const token of indexedTokens(analysed)) for (const key of tokenKeys(token)) keys.add(key);
      if (analysed.initials.length >= 2 && analysed.initials.length <= 6) addTo(this.initials, analysed.initials, id);
    }
    for (const key of keys) {
      if (!this.postings.has(key) && key.startsWith('k:') && key.length - 2 >= MIN_TYPO_KEY_LENGTH) {
        for (const variant of deletions(key.slice(2))) addTo(this.typoKeys, variant, key);
      }
      addTo(this.postings, key, id);
    }
    for (const kind of IDENTIFIER_KINDS) {
      const key = normaliseIdentifier(entry.identifiers?.[kind]);
      if (key !== undefined) addTo(this.identifiers, `${kind}:${key}`, id);
    }
  }

  /** Entries sharing a distinctive token (exact, phonetic, one typo away, or as an acronym). */
  private collect(name: AnalysedName, hit: number[]): void {
    const take = (key: string): boolean => {
      const ids = this.postings.get(key);
      if (ids === undefined) return false;
      if (Array.isArray(ids)) for (const id of ids) this.hit(id, hit);
      else this.hit(ids, hit);
      return true;
    };
    const typoKeys = (variant: string): readonly string[] => {
      const keys = this.typoKeys.get(variant);
      return keys === undefined ? [] : Array.isArray(keys) ? keys : [keys];
    };
    for (const token of indexedTokens(name)) {
      let found = false;
      for (const key of queryKeys(token)) found = take(key) || found;
      // Typo expansion only for tokens the lists do not know as spelled: a known token is far
      // more likely right than a one-edit neighbour, and skipping it keeps common tokens cheap.
      if (found || token.key.length < MIN_TYPO_KEY_LENGTH) continue;
      // Symmetric deletions: an indexed key one deletion from the query, the query one deletion
      // from an indexed key, or both one deletion from a common string (substitution, swap).
      for (const key of typoKeys(token.key)) take(key);
      for (const variant of deletions(token.key)) {
        take(`k:${variant}`);
        for (const key of typoKeys(variant)) take(key);
      }
    }
    if (name.acronym !== undefined) {
      const ids = this.initials.get(name.acronym);
      if (Array.isArray(ids)) for (const id of ids) this.hit(id, hit);
      else if (ids !== undefined) this.hit(ids, hit);
    }
    if (name.initials.length >= 2) take(`k:${name.initials}`);
  }

  private score(
    indexed: IndexedEntry,
    queryNames: readonly AnalysedName[],
    queryCollapsed: readonly (readonly NameToken[] | undefined)[],
    query: ReferenceQuery,
    identifier: IdentifierKind | undefined,
  ): ReferenceCandidate | undefined {
    const { list, entry } = indexed;
    const best: Partial<Record<NameFeature, { score: number; display: string; shared: readonly string[] }>> = {};
    const offer = (feature: NameFeature, score: number, display: string, shared: readonly string[]) => {
      const current = best[feature];
      if (current === undefined || score > current.score) best[feature] = { score, display, shared };
    };
    for (let q = 0; q < queryNames.length; q++) {
      const queryName = queryNames[q];
      for (const name of indexed.names) {
        // Name scores below the floor never survive (weak aliases need 0.95, others minScore).
        const { score, shared } = compareAnalysedAbove(queryName, name.analysed, this.scoreFloor, queryCollapsed[q], name.collapsed);
        if (name.feature === 'weakAlias') {
          // A declared short alias is weak evidence whatever the similarity; it needs a near-exact hit.
          if (score >= 0.95) offer('weakAlias', WEIGHT.weakAlias, name.display, shared);
        } else if (score > 0) {
          offer(name.feature, score * WEIGHT[name.feature], name.display, shared);
        }
        if (entry.schema === 'organisation' && isAcronymOf(queryName, name.analysed)) {
          offer('weakAlias', ACRONYM_SCORE, name.display, []);
        }
      }
    }

    // Most candidates of a large index end here: nothing reached the floor and no identifier.
    if (identifier === undefined && this.minScore > 0 && Object.keys(best).length === 0) return undefined;

    const features: Record<string, number | string> = {};
    let score = 0;
    let matchedName: string | undefined;
    let shared: readonly string[] = [];
    for (const feature of ['name', 'alias', 'weakAlias'] as const) {
      const found = best[feature];
      // A partial name similarity below the floor is noise, and listing it would hide that the
      // candidate rests on a weak alias only (RS-L-009 reads the feature keys).
      if (found === undefined || found.score < this.minScore) continue;
      // An acronym or short alias adds nothing to a stronger full-name match; listing it would
      // only blur the explanation.
      if (feature === 'weakAlias' && score >= found.score) continue;
      features[feature] = round(found.score);
      if (found.score > score) {
        score = found.score;
        matchedName = found.display;
        shared = found.shared;
      }
    }
    if (shared.length > 0) features.sharedTokens = shared.join(' ');
    if (identifier !== undefined) {
      features.identifier = identifier;
      score = Math.max(score, WEIGHT[identifier]);
    }
    const country = countryFeature(query.country, entry.country);
    features.country = country;
    if (country === 'mismatch' && identifier === undefined) score -= COUNTRY_MISMATCH_PENALTY;
    score = round(Math.max(0, Math.min(1, score)));
    if (identifier === undefined && score < this.minScore) return undefined;

    return {
      listId: list.listId,
      listVersion: list.version,
      listKind: list.kind,
      entryId: entry.entryId,
      matchedName: matchedName ?? entry.name,
      score,
      features,
      topics: [...(entry.topics ?? [])].sort(),
      ...(entry.rating !== undefined ? { rating: entry.rating } : {}),
      ...(entry.lastChange !== undefined ? { lastChange: entry.lastChange } : {}),
      ...(list.topicSeverity !== undefined ? { topicSeverity: list.topicSeverity } : {}),
    };
  }
}
