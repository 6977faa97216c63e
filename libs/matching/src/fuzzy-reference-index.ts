// The fuzzy matcher behind the engine's ReferenceIndex: an inverted index from token keys to list
// names, so that a query scores only names sharing a (spelling-tolerant) distinctive token.
import {
  entryCountries,
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
  ALL_PAIRINGS,
  alignPairings,
  BOUND_SLACK,
  COUNTRY_MISMATCH_PENALTY,
  collapsed,
  compareAnalysedAbove,
  comparableCountry,
  compareWithCorpus,
  isAcronymOf,
  PAIRING,
  round,
  tokenSimilarity,
  type ComparableName,
  type CountryFeature,
  type TokenAlignment,
} from './match-names';
import {
  buildNameIndex,
  cappedLength,
  CLUSTER_LENGTHS,
  CLUSTER_TOKEN_WIDTH,
  DISTINCTIVE_CODE,
  ENTRY_CLUSTER,
  ENTRY_LIST,
  ENTRY_NAMES,
  ENTRY_NUMBER,
  ENTRY_SCHEMA,
  entryNameDisplay,
  FEATURES,
  KIND_CODES,
  KIND_WEIGHTS,
  MIN_TYPO_KEY_LENGTH,
  MIN_TYPO_TEXT_LENGTH,
  NAME_FEATURE,
  NAME_MARK,
  NAME_PATTERN,
  NAME_POSITION,
  NAME_TOKENS,
  NAMESPACE,
  RECORD_SHAPE,
  RECORD_WIDTH,
  SHAPE_ABJAD,
  SHAPE_COMMON,
  SHAPE_GREEK,
  SHAPE_JOINED,
  SHAPE_KIND_SHIFT,
  SHAPE_LENGTH_MASK,
  SHAPE_NAME,
  SHAPE_STAND_IN,
  TOKEN_LETTERS,
  TOKEN_NUMBER,
  typoKeysOf,
  typoTextsOf,
  wholeNameKey,
  type NameIndexColumns,
} from './name-index';
import { acronymOf, analyseName, initialsOf, TOKEN_WEIGHT, type AnalysedName, type NameToken } from './normalise-organisation-name';
import { deletions, popcount } from './phonetic-key';
import {
  editLimit,
  letterCountsDiffer,
  maskAllows,
  MAX_FILTERED_QUERY_TOKENS,
  QUERY_TOKEN_WIDTH,
  QueryProfile,
  uncommonMaskAllows,
} from './query-profile';

// Feature weights as in the engine's simple index (yente logic-v2: max of features, qualifiers after).
// A weak alias (a declared acronym or short name) alone stays in the review band, below the
// default candidate threshold (0.7): real short names meet it by chance ("ESO", a weak alias of a
// listed group, is also the European Southern Observatory).
const WEIGHT = { name: 1, alias: 0.95, weakAlias: 0.65, lei: 0.95, registration: 0.85, ror: 0.95 } as const;
// Token weights fall with the number of list names holding the token, from this many names on.
const FREQUENT_FROM = 8;
const LEAST_FREQUENCY_FACTOR = 0.25;
const IDENTIFIER_KINDS = ['lei', 'registration', 'ror'] as const;
type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface FuzzyReferenceIndexOptions {
  /**
   * Candidates scoring below this are not returned. The default equals the engine's default
   * review-band floor, so the engine still sees every candidate it could act on.
   */
  readonly minScore?: number;
  /**
   * Whether a matched token's weight falls with the number of list names holding it (default
   * true). Off, the index scores every pair as `matchNames` does, which tests of its shortcuts use.
   */
  readonly frequencyWeights?: boolean;
}

const DEFAULT_MIN_SCORE = 0.5;
// Analysed query names kept per index (the engine asks for the same partner names repeatedly).
const QUERY_CACHE_SIZE = 4096;
// Pattern decisions are remembered for queries of up to this many names (4 bits each).
const MAX_REMEMBERED_QUERY_NAMES = 7;
// Tokens in fewer entries than this are expanded to their one-edit neighbours even when indexed.
const TYPO_EXPANSION_MAX_ENTRIES = 8;
// Sort keys: a candidate's score in thousandths times this, plus its entry rank (below 2^32).
const RANK_SPAN = 2 ** 32;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedLists(lists: readonly ReferenceList[]): ReferenceList[] {
  return [...lists].sort((a, b) => compare(a.listId, b.listId));
}

function runToEnd<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (step.done !== true) step = steps.next();
  return step.value;
}

const NO_TOPICS: readonly string[] = [];

function indexedTokens(name: AnalysedName): NameToken[] {
  const tokens = name.tokens.filter((token) => token.kind === 'distinctive');
  if (name.joined !== undefined) tokens.push(name.joined);
  return tokens;
}

// Per-side accumulators of a name's bound, by group of its tokens: distinctive, other, joined.
const GROUPS = 3;
const DISTINCTIVE_GROUP = 0;
const OTHER_GROUP = 1;
const JOINED_GROUP = 2;
/** Decision bit of a (list name, query name) pair besides the pairings: `isAcronymOf` holds. */
const ACRONYM = 1 << 4;
const NO_SHARED: readonly string[] = [];
const NO_ALIGNMENT: TokenAlignment = { score: 0, shared: NO_SHARED };
const WEAK_ALIAS = FEATURES.indexOf('weakAlias');
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The corpus a lookup counts in when the index is one layer of a `DeltaReferenceIndex` (a base
 * and the entries later versions add): the frequency weights and the typo-expansion rule must see
 * the counts of the whole current corpus, not of one layer, for the answer to equal a fresh build's.
 */
export interface CorpusView {
  /** By entry number: 1 for entries of this layer a later version removed or changed. */
  readonly hidden: Uint8Array | undefined;
  /** Names holding a token of this text in the current corpus (as `NameIndexColumns.frequentTokens`). */
  namesOfText(text: string): number | undefined;
  /** Entries of the exact-key posting of `key` in the current corpus. */
  keyPostingSize(key: string): number;
  /**
   * Whether the names of one pattern may share a corpus score (see `patternCorpusAlignments`):
   * not when the current corpus makes a token frequent that this layer counted rare.
   */
  readonly patternScoresShared: boolean;
}

/** A list name as scoring reads it. */
interface ListName {
  readonly tokens: readonly NameToken[];
  readonly joined: NameToken | undefined;
}

/**
 * Fuzzy `ReferenceIndex`: transliteration, legal forms, abbreviations, word order, typos, acronyms
 * (weak) and identifiers (strong), with per-feature explanations. Deterministic: no clock, no
 * randomness, ties broken by list and entry id. Same candidate shape as `InMemoryReferenceIndex`.
 */
export class FuzzyReferenceIndex implements ReferenceIndex {
  private readonly lists: readonly ReferenceList[];
  private readonly legalLists: readonly boolean[];
  private readonly columns: NameIndexColumns;
  private readonly minScore: number;
  private readonly frequencyWeights: boolean;
  /** Name scores below this cannot change a candidate (see `score`), so they are not computed. */
  private readonly scoreFloor: number;
  /**
   * Lookup number at which each entry was last collected, by the number of its entry record: a set
   * of hits without allocation, read in the order of the postings (entries of a cluster are near
   * each other in records, not in entry numbers).
   */
  private readonly seen: Uint32Array;
  /** The entry records collected by the lookup, in order of collection (`hitCount` of them). */
  private hits = new Int32Array(1024);
  private hitCount = 0;
  /** Per list token, lookup number and bits of the query tokens it is similar to. */
  private readonly similarStamp: Uint32Array;
  private readonly similarBits: Int32Array;
  private lookups = 0;
  private readonly queryCache = new Map<string, AnalysedName>();
  /** Common list tokens made back into objects for scoring (others are made when needed: kept, they would only age). */
  private readonly commonTokenObjects = new Map<number, NameToken>();
  private readonly boundBits = new Int32Array(2 * MAX_FILTERED_QUERY_TOKENS * GROUPS);
  private readonly boundWeights = new Float64Array(2 * MAX_FILTERED_QUERY_TOKENS * GROUPS);
  private readonly boundPairs = new Uint8Array(2 * MAX_FILTERED_QUERY_TOKENS * GROUPS);
  /** Total weight of a list name's tokens by group. */
  private readonly groupWeights = new Float64Array(GROUPS);
  /** Per cluster, lookup number when last scanned; the profile of the lookup's scans while collecting. */
  private readonly clusterStamp: Uint32Array;
  private scanProfile: QueryProfile | undefined;
  /** Per name pattern, lookup number and decisions (4 bits per query name) when last decided. */
  private readonly patternStamp: Uint32Array;
  private readonly patternDecisions: Int32Array;
  /** The best offers of the entry being scored (see `offer`); -1: none. */
  private readonly bestScores = new Float64Array(FEATURES.length);
  private readonly bestNames = new Int32Array(FEATURES.length);
  private readonly bestShared: (readonly string[])[] = FEATURES.map(() => NO_SHARED);
  /** Per (list name, query name) of the entry being decided: pairings that may reach the floor, ACRONYM. */
  private decisions = new Int32Array(64);
  /** Per entry rank, the position of its candidate in the lookup's answer while it is sorted. */
  private readonly candidateAt: Int32Array;
  /** Per list name of the entry being decided: the pattern that decided it, or -1. */
  private decidedBy = new Int32Array(16);
  /**
   * Alignments of this lookup by pattern and query name (`pattern * MAX_REMEMBERED_QUERY_NAMES + q`).
   * A pattern is a template of its names (see `namePatterns`), so every name it decided aligns
   * with a query name as the first one did: thousands of names of a common token align once.
   */
  private readonly patternAlignments = new Map<number, TokenAlignment>();
  /**
   * Corpus-scored alignments of this lookup, keyed as `patternAlignments`. A pattern's tokens of
   * many names are the same tokens in every name it decided, and its other tokens (in fewer names
   * than frequency weighting starts at) meet no query token and weigh their kind's weight: every
   * name of a pattern scores alike.
   */
  private readonly patternCorpusAlignments = new Map<number, TokenAlignment>();
  /** The corpus of the running lookup when this index is a layer (see `lookupWithin`). */
  private view: CorpusView | undefined;
  /** Entry numbers in candidate order (the inverse of `entryRank`), made on a delta's first need. */
  private entriesByRank: Int32Array | undefined;

  /**
   * Builds the index synchronously; see `build` for large lists. `columns` is for `build` only:
   * the columns of the same lists, built in steps.
   */
  constructor(lists: readonly ReferenceList[], options: FuzzyReferenceIndexOptions = {}, columns?: NameIndexColumns) {
    this.minScore = options.minScore ?? DEFAULT_MIN_SCORE;
    this.frequencyWeights = options.frequencyWeights ?? true;
    // A weak alias counts from a name score of 0.95 whatever the floor; other names from minScore.
    this.scoreFloor = Math.min(this.minScore, 0.95);
    this.lists = sortedLists(lists);
    this.legalLists = this.lists.map((list) => LEGAL_LIST_KINDS.includes(list.kind));
    this.columns = columns ?? runToEnd(buildNameIndex(this.lists));
    this.seen = new Uint32Array(this.columns.records.length / RECORD_WIDTH);
    this.candidateAt = new Int32Array(this.columns.entries.length);
    this.similarStamp = new Uint32Array(this.columns.tokenShapes.length);
    this.similarBits = new Int32Array(this.columns.tokenShapes.length);
    this.patternStamp = new Uint32Array(this.columns.patternStart.length);
    this.clusterStamp = new Uint32Array((this.columns.clusterTextStart.length - 1) / CLUSTER_LENGTHS);
    this.patternDecisions = new Int32Array(this.columns.patternStart.length);
  }

  /**
   * The same index as the constructor's, built without holding the event loop: `pause` is awaited
   * whenever about `sliceMs` of work has passed (e.g. `() => new Promise((r) => setImmediate(r))`).
   */
  static async build(
    lists: readonly ReferenceList[],
    options: FuzzyReferenceIndexOptions = {},
    pause: () => Promise<void>,
    sliceMs = 20,
  ): Promise<FuzzyReferenceIndex> {
    const steps = buildNameIndex(sortedLists(lists));
    let sliceStart = performance.now();
    let step = steps.next();
    while (step.done !== true) {
      // The clock after every step: a step is one entry early in the build but 65,536 iterations
      // of a grouping pass later on, and checking every 32 steps then held the event loop for
      // 0.3–0.5 s per check at 2 × 10^5 entries (seconds at 10^6).
      if (performance.now() - sliceStart >= sliceMs) {
        await pause();
        sliceStart = performance.now();
      }
      step = steps.next();
    }
    return new FuzzyReferenceIndex(lists, options, step.value);
  }

  versions(): ReferenceListVersion[] {
    return this.lists.map((list) => ({ listId: list.listId, version: list.version }));
  }

  lookup(query: ReferenceQuery): ReferenceCandidate[] {
    return this.search(query);
  }

  /**
   * `lookup` as one layer of a `DeltaReferenceIndex`: hidden entries are skipped and corpus counts
   * come from `view`. Lookups are synchronous, so the view never outlives its call.
   */
  lookupWithin(query: ReferenceQuery, view: CorpusView): ReferenceCandidate[] {
    this.view = view;
    try {
      return this.search(query);
    } finally {
      this.view = undefined;
    }
  }

  /** The lists and their versions this index was built from (entries included). */
  referenceLists(): readonly ReferenceList[] {
    return this.lists;
  }

  /** The columns, for `DeltaReferenceIndex` only (read, never changed). */
  nameColumns(): NameIndexColumns {
    return this.columns;
  }

  /** The entry number of `entryId` in the list `listId`, or -1: a binary search in candidate order. */
  entryNumber(listId: string, entryId: string): number {
    const { entries, entryRank, entryRecord, records } = this.columns;
    if (this.entriesByRank === undefined) {
      this.entriesByRank = new Int32Array(entries.length);
      for (let entry = 0; entry < entries.length; entry++) this.entriesByRank[entryRank[entry]] = entry;
    }
    const byRank = this.entriesByRank;
    let low = 0;
    let high = byRank.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const entry = byRank[middle];
      const order = compare(this.lists[records[entryRecord[entry] * RECORD_WIDTH + ENTRY_LIST]].listId, listId) || compare(entries[entry].entryId, entryId);
      if (order === 0) return entry;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  private search(query: ReferenceQuery): ReferenceCandidate[] {
    const queryNames = [query.name, ...(query.aliases ?? [])]
      .filter((name) => name.trim() !== '')
      .map((name) => this.analyseQuery(name, query.subjectKind));
    this.hitCount = 0;
    this.patternAlignments.clear();
    this.patternCorpusAlignments.clear();
    if (++this.lookups === 0xffffffff) this.resetStamps();
    // Pairings that cannot reach the floor are decided over the columns, before any object is
    // made; entries with none (and no identifier) are dropped there.
    const profile = new QueryProfile(queryNames);
    const decided = this.scoreFloor - BOUND_SLACK > 0 && profile.usable;
    this.scanProfile = decided && !profile.exotic && queryNames.length <= MAX_REMEMBERED_QUERY_NAMES ? profile : undefined;
    for (const name of queryNames) this.collect(name);
    this.scanProfile = undefined;
    const queryCollapsed = queryNames.map((name) => collapsed(name));

    const identifierHits = new Map<number, IdentifierKind>();
    for (const kind of IDENTIFIER_KINDS) {
      const key = normaliseIdentifier(query.identifiers?.[kind]);
      if (key === undefined) continue;
      for (const id of this.columns.identifiers.get(`${kind}:${key}`) ?? []) {
        const previous = identifierHits.get(id);
        if (previous === undefined || WEIGHT[kind] > WEIGHT[previous]) identifierHits.set(id, kind);
        this.hit(this.columns.entryRecord[id]);
      }
    }

    const schema = this.columns.schemas.get(query.subjectKind) ?? -1;
    const eitherSchema = this.columns.schemas.get('legalEntity') ?? -1;
    // Names of only common words have no posting: they are found by their whole name.
    const wholeNameHits = new Set<number>();
    for (const name of queryNames) {
      for (const id of this.columns.wholeNames.get(wholeNameKey(name)) ?? []) {
        wholeNameHits.add(id);
        this.hit(this.columns.entryRecord[id]);
      }
    }
    const candidates: ReferenceCandidate[] = [];
    const ranks: number[] = [];
    const { records } = this.columns;
    const acronymsPossible = query.subjectKind === 'organisation' && (profile.acronyms || profile.initials);
    const hidden = this.view?.hidden;
    for (let h = 0; h < this.hitCount; h++) {
      const at = this.hits[h] * RECORD_WIDTH;
      if (hidden !== undefined && hidden[records[at + ENTRY_NUMBER]] === 1) continue;
      if (!this.admissible(at, schema, eitherSchema, query.subjectKind)) continue;
      const identifier = identifierHits.size === 0 ? undefined : identifierHits.get(records[at + ENTRY_NUMBER]);
      const wholeName = wholeNameHits.size > 0 && wholeNameHits.has(records[at + ENTRY_NUMBER]);
      if (identifier === undefined && !wholeName && decided && this.ruledOutByPattern(at, profile, acronymsPossible)) continue;
      if (decided && !wholeName && !this.decide(at, profile, query.subjectKind === 'organisation') && identifier === undefined) continue;
      const candidate = this.score(at, decided && !wholeName, queryNames, queryCollapsed, query, identifier, wholeName);
      if (candidate !== undefined) {
        candidates.push(candidate);
        ranks.push(this.columns.entryRank[records[at + ENTRY_NUMBER]]);
      }
    }
    return this.inCandidateOrder(candidates, ranks);
  }

  /**
   * Best score first, then by list id and entry id (`entryRank`), as one native sort of numbers:
   * score in thousandths (scores are rounded so) above the rank.
   */
  private inCandidateOrder(candidates: ReferenceCandidate[], ranks: readonly number[]): ReferenceCandidate[] {
    if (candidates.length < 2) return candidates;
    const keys = new Float64Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) {
      keys[i] = (1000 - Math.round(candidates[i].score * 1000)) * RANK_SPAN + ranks[i];
      this.candidateAt[ranks[i]] = i;
    }
    keys.sort();
    const sorted = new Array<ReferenceCandidate>(candidates.length);
    for (let i = 0; i < keys.length; i++) sorted[i] = candidates[this.candidateAt[keys[i] % RANK_SPAN]];
    return sorted;
  }

  /** After 2^32 - 1 lookups: stamps start again, so none may look current. */
  private resetStamps(): void {
    this.seen.fill(0);
    this.similarStamp.fill(0);
    this.patternStamp.fill(0);
    this.clusterStamp.fill(0);
    const { records } = this.columns;
    for (let at = 0; at < records.length; at += RECORD_WIDTH) if ((records[at + RECORD_SHAPE] & SHAPE_NAME) !== 0) records[at + NAME_MARK] = 0;
    this.lookups = 1;
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

  private hit(record: number): void {
    if (this.seen[record] === this.lookups) return;
    this.seen[record] = this.lookups;
    this.addHit(record);
  }

  private addHit(record: number): void {
    if (this.hitCount === this.hits.length) {
      const grown = new Int32Array(this.hits.length * 2);
      grown.set(this.hits);
      this.hits = grown;
    }
    this.hits[this.hitCount++] = record;
  }

  // Persons are screened against legal lists only (RULES §4.0), and only against person entries.
  private admissible(at: number, schema: number, eitherSchema: number, subjectKind: SubjectKind): boolean {
    const { records } = this.columns;
    // A legal entity may be a person or an organisation, so it meets both kinds of query.
    if (records[at + ENTRY_SCHEMA] !== schema && records[at + ENTRY_SCHEMA] !== eitherSchema) return false;
    return subjectKind !== 'person' || this.legalLists[records[at + ENTRY_LIST]];
  }

  /** Entries of the exact-key posting of `key`. */
  keyPostingSize(key: string): number {
    const spelling = this.columns.spellingNumbers.get(key);
    const postings = this.columns.postings[NAMESPACE.key];
    return spelling === undefined || postings === undefined ? 0 : postings.start[spelling + 1] - postings.start[spelling];
  }

  /** Collects the entries of an indexed token text (those of its key); nothing for another spelling. */
  private takeText(text: number): void {
    const key = this.columns.keyOfText[text] - 1;
    if (key >= 0) this.takeSpelling(NAMESPACE.key, key);
  }

  /** Collects the entries of a posting; false when the namespace has no such key. */
  private take(namespace: number, text: string): boolean {
    const spelling = this.columns.spellingNumbers.get(text);
    return spelling !== undefined && this.takeSpelling(namespace, spelling);
  }

  private takeSpelling(namespace: number, spelling: number): boolean {
    const postings = this.columns.postings[namespace];
    if (postings === undefined) return false;
    const end = postings.start[spelling + 1];
    let at = postings.start[spelling];
    if (at === end) return false;
    const { values } = postings;
    const { seen, lookups } = this;
    for (; at < end; at++) {
      const record = values[at];
      if (seen[record] === lookups) continue;
      seen[record] = lookups;
      this.addHit(record);
    }
    if (namespace === NAMESPACE.key && this.scanProfile !== undefined) {
      for (const cluster of this.columns.clustersOfKey.get(spelling) ?? []) {
        if (this.clusterStamp[cluster] !== this.lookups) this.scanCluster(cluster, this.scanProfile);
      }
    }
    return true;
  }

  /**
   * Marks the names of a cluster that have a token that is not common and whose lengths and letter
   * masks allow a similarity with a query token (see `maskAllows`): the other names of the cluster
   * that have a pattern are then decided by their pattern, without a look at their tokens.
   */
  private scanCluster(cluster: number, profile: QueryProfile): void {
    this.clusterStamp[cluster] = this.lookups;
    const stamp = this.lookups | 0;
    const { records, clusterText, clusterTextStart, clusterKey, clusterKeyStart } = this.columns;
    const query = profile.packed;
    const lengths = cluster * CLUSTER_LENGTHS;
    for (let q = 0; q < query.length; q += QUERY_TOKEN_WIDTH) {
      const queryText = query[q + 4];
      const queryKey = query[q + 5];
      for (let length = Math.max(0, queryText - 2); length <= Math.min(SHAPE_LENGTH_MASK, queryText + 2); length++) {
        const limit = editLimit(length, queryText);
        if (length - queryText > limit || queryText - length > limit) continue;
        for (let at = clusterTextStart[lengths + length] * CLUSTER_TOKEN_WIDTH; at < clusterTextStart[lengths + length + 1] * CLUSTER_TOKEN_WIDTH; at += CLUSTER_TOKEN_WIDTH) {
          const flipped = popcount(clusterText[at] ^ query[q]);
          if (flipped <= 2 * limit && flipped + popcount(clusterText[at + 1] ^ query[q + 2]) <= 2 * limit) records[clusterText[at + 3] + NAME_MARK] = stamp;
        }
      }
      for (let length = Math.max(0, queryKey - 2); length <= Math.min(SHAPE_LENGTH_MASK, queryKey + 2); length++) {
        for (let at = clusterKeyStart[lengths + length] * CLUSTER_TOKEN_WIDTH; at < clusterKeyStart[lengths + length + 1] * CLUSTER_TOKEN_WIDTH; at += CLUSTER_TOKEN_WIDTH) {
          // The limit comes from the text lengths.
          const limit = editLimit(clusterKey[at + 2] & SHAPE_LENGTH_MASK, queryText);
          if (length - queryKey > limit || queryKey - length > limit) continue;
          const flipped = popcount(clusterKey[at] ^ query[q + 1]);
          if (flipped <= 2 * limit && flipped + popcount(clusterKey[at + 1] ^ query[q + 3]) <= 2 * limit) records[clusterKey[at + 3] + NAME_MARK] = stamp;
        }
      }
    }
  }

  /** Entries sharing a distinctive token (exact, phonetic, one typo away, or as an acronym). */
  private collect(name: AnalysedName): void {
    for (const token of indexedTokens(name)) {
      let found = this.take(NAMESPACE.key, token.key);
      if (token.skeleton.length >= 2) {
        // Abjad tokens meet every name on consonants; Latin tokens meet only abjad-derived names so.
        found = this.take(NAMESPACE.abjadSkeleton, token.skeleton) || found;
        if (token.abjad) found = this.take(NAMESPACE.skeleton, token.skeleton) || found;
      }
      found = this.take(NAMESPACE.greekLossy, token.lossy) || found;
      if (token.greek) found = this.take(NAMESPACE.lossy, token.lossy) || found;
      // Typo expansion only for tokens the lists know in fewer than a handful of entries: a
      // common token is far more likely right than a one-edit neighbour, and skipping it keeps
      // common tokens cheap. A rare one may be another entry's typo of the name sought.
      // As a layer, the posting's size in the whole corpus decides (a size of 8 or more there
      // means a fresh build found the token, whatever this layer holds).
      if (this.view !== undefined ? this.view.keyPostingSize(token.key) >= TYPO_EXPANSION_MAX_ENTRIES : found && this.keyPostingSize(token.key) >= TYPO_EXPANSION_MAX_ENTRIES) continue;
      // Symmetric deletions: an indexed key one deletion from the query, the query one deletion
      // from an indexed key, or both one deletion from a common string (substitution, swap).
      if (token.key.length >= MIN_TYPO_KEY_LENGTH) {
        for (const key of typoKeysOf(this.columns, token.key)) this.takeSpelling(NAMESPACE.key, key);
        for (const variant of deletions(token.key)) {
          this.take(NAMESPACE.key, variant);
          for (const key of typoKeysOf(this.columns, variant)) this.takeSpelling(NAMESPACE.key, key);
        }
      }
      // The same over the texts, whose entries are those of their keys: a one-letter typo in the
      // text can be two edits apart in the key ("Gatshxk" → "gachksk", "Gatshik" → "gachik").
      if (token.text.length >= MIN_TYPO_TEXT_LENGTH) {
        for (const text of typoTextsOf(this.columns, token.text)) this.takeText(text);
        for (const variant of deletions(token.text)) {
          const text = this.columns.spellingNumbers.get(variant);
          if (text !== undefined) this.takeText(text);
          for (const typo of typoTextsOf(this.columns, variant)) this.takeText(typo);
        }
      }
    }
    if (name.acronym !== undefined) this.take(NAMESPACE.initials, name.acronym);
    if (name.initials.length >= 2) this.take(NAMESPACE.key, name.initials);
  }

  /**
   * The common case of a very common token's entries, without `decide`: one name, in a scanned
   * cluster, not marked, whose pattern was already decided to reach nothing this lookup.
   */
  private ruledOutByPattern(at: number, profile: QueryProfile, acronymsPossible: boolean): boolean {
    const { records } = this.columns;
    const cluster = records[at + ENTRY_CLUSTER];
    if (cluster < 0 || records[at + ENTRY_NAMES] !== 1 || this.clusterStamp[cluster] !== this.lookups) return false;
    const name = at + RECORD_WIDTH;
    const pattern = records[name + NAME_PATTERN];
    if (pattern < 0 || records[name + NAME_MARK] === (this.lookups | 0) || this.patternStamp[pattern] !== this.lookups) return false;
    if (this.patternDecisions[pattern] !== 0) return false;
    // An acronym relation needs a query acronym, or a one-token list name and query initials.
    return !acronymsPossible || (!profile.acronyms && records[name + NAME_TOKENS] !== 1);
  }

  /**
   * Fills `decisions` for the names of the entry whose record starts at `at`, against the query
   * names: the pairings of `compareAnalysedAbove` whose bound reaches the floor, and acronym
   * relations. False when there are none.
   */
  private decide(at: number, profile: QueryProfile, organisation: boolean): boolean {
    const { records } = this.columns;
    const names = records[at + ENTRY_NAMES];
    const queryNames = profile.names.length;
    // A scanned cluster has marked its names whose other tokens may match (see `scanCluster`).
    const cluster = records[at + ENTRY_CLUSTER];
    const scanned = cluster >= 0 && this.clusterStamp[cluster] === this.lookups;
    const stamp = this.lookups | 0;
    if (this.decisions.length < names * queryNames) this.decisions = new Int32Array(2 * names * queryNames);
    if (this.decidedBy.length < names) this.decidedBy = new Int32Array(2 * names);
    let any = false;
    let name = at + RECORD_WIDTH;
    for (let number = 0; number < names; number++) {
      const from = name + RECORD_WIDTH;
      const to = from + records[name + NAME_TOKENS] * RECORD_WIDTH;
      const offset = number * queryNames;
      const pattern = records[name + NAME_PATTERN];
      if (
        pattern >= 0 &&
        queryNames <= MAX_REMEMBERED_QUERY_NAMES &&
        !(scanned ? records[name + NAME_MARK] === stamp : this.uncommonTokenSimilar(from, to, profile))
      ) {
        this.decidePattern(pattern, profile, offset);
        this.decidedBy[number] = pattern;
      } else {
        this.decidePairings(records, from, to, profile, offset);
        this.decidedBy[number] = -1;
      }
      // Acronym relations need a query acronym, or a one-token list name and query initials.
      if (organisation && (profile.acronyms || (profile.initials && records[name + NAME_TOKENS] === 1))) {
        this.decideAcronyms(from, to, profile, offset);
      }
      for (let q = 0; q < queryNames; q++) if (this.decisions[offset + q] !== 0) any = true;
      name = to;
    }
    return any;
  }

  /** Whether a token record in `from..to` that is not of a common token is similar to some query token. */
  private uncommonTokenSimilar(from: number, to: number, profile: QueryProfile): boolean {
    const { records } = this.columns;
    const { packed, exotic } = profile;
    for (let at = uncommonMaskAllows(records, from, to, packed, exotic); at >= 0; at = uncommonMaskAllows(records, at + RECORD_WIDTH, to, packed, exotic)) {
      if (this.similarQueryTokens(records, at, profile) !== 0) return true;
    }
    return false;
  }

  /** The decisions of a pattern, once per lookup: those of every name of it whose other tokens match nothing. */
  private decidePattern(pattern: number, profile: QueryProfile, offset: number): void {
    const queryNames = profile.names.length;
    if (this.patternStamp[pattern] === this.lookups) {
      const remembered = this.patternDecisions[pattern];
      for (let q = 0; q < queryNames; q++) this.decisions[offset + q] = (remembered >>> (4 * q)) & ALL_PAIRINGS;
      return;
    }
    const { patternStart, patternRecords } = this.columns;
    this.decidePairings(patternRecords, patternStart[pattern] * RECORD_WIDTH, patternStart[pattern + 1] * RECORD_WIDTH, profile, offset);
    let remembered = 0;
    for (let q = 0; q < queryNames; q++) remembered |= this.decisions[offset + q] << (4 * q);
    this.patternStamp[pattern] = this.lookups;
    this.patternDecisions[pattern] = remembered;
  }

  /**
   * `alignBound` of every pairing over the columns: each token similar to one on the other side
   * counts its full weight, and some similar pair must be distinctive on both sides.
   */
  private decidePairings(records: Int32Array, from: number, to: number, profile: QueryProfile, offset: number): void {
    const { sideBits, distinctiveBits } = profile;
    const sides = sideBits.length;
    const bits = this.boundBits;
    const weights = this.boundWeights;
    const pairs = this.boundPairs;
    const groupWeights = this.groupWeights;
    groupWeights[DISTINCTIVE_GROUP] = 0;
    groupWeights[OTHER_GROUP] = 0;
    groupWeights[JOINED_GROUP] = 0;
    let cleared = false;
    let paired = false;
    for (let at = from; at < to; at += RECORD_WIDTH) {
      const shape = records[at + RECORD_SHAPE];
      const kind = (shape >>> SHAPE_KIND_SHIFT) & 3;
      const weight = KIND_WEIGHTS[kind];
      const group = (shape & SHAPE_JOINED) !== 0 ? JOINED_GROUP : kind === DISTINCTIVE_CODE ? DISTINCTIVE_GROUP : OTHER_GROUP;
      groupWeights[group] += weight;
      const similar = this.similarQueryTokens(records, at, profile);
      if (similar === 0) continue;
      if (!cleared) {
        for (let slot = 0; slot < sides * GROUPS; slot++) {
          bits[slot] = 0;
          weights[slot] = 0;
          pairs[slot] = 0;
        }
        cleared = true;
      }
      for (let side = 0; side < sides; side++) {
        const matched = similar & sideBits[side];
        if (matched === 0) continue;
        const slot = side * GROUPS + group;
        bits[slot] |= matched;
        weights[slot] += weight;
        if (group !== OTHER_GROUP && (matched & distinctiveBits) !== 0) {
          pairs[slot] = 1;
          paired = true;
        }
      }
    }
    for (let q = 0; q < profile.names.length; q++) {
      let pairings = 0;
      if (paired) {
        const plain = 2 * q;
        const collapsedSide = plain + 1;
        if (this.reaches(profile, plain, DISTINCTIVE_GROUP)) pairings |= PAIRING.plain;
        if (this.reaches(profile, plain, JOINED_GROUP)) pairings |= PAIRING.joinedB;
        if (sideBits[collapsedSide] !== 0) {
          if (this.reaches(profile, collapsedSide, DISTINCTIVE_GROUP)) pairings |= PAIRING.joinedA;
          if (this.reaches(profile, collapsedSide, JOINED_GROUP)) pairings |= PAIRING.joinedBoth;
        }
      }
      this.decisions[offset + q] = pairings;
    }
  }

  /** Whether the bound of a query side against a list name's tokens (DISTINCTIVE_GROUP) or collapsed tokens (JOINED_GROUP) reaches the floor. */
  private reaches(profile: QueryProfile, side: number, group: number): boolean {
    const slot = side * GROUPS + group;
    if (this.boundPairs[slot] === 0) return false;
    const other = side * GROUPS + OTHER_GROUP;
    const possible = profile.weightOf(this.boundBits[slot] | this.boundBits[other]) + this.boundWeights[slot] + this.boundWeights[other];
    const total = profile.sideWeights[side] + this.groupWeights[group] + this.groupWeights[OTHER_GROUP];
    return possible / total >= this.scoreFloor - BOUND_SLACK;
  }

  /** `isAcronymOf(query name, list name)` over the token records `from..to` of the list name. */
  private decideAcronyms(from: number, to: number, profile: QueryProfile, offset: number): void {
    const { records } = this.columns;
    let count = (to - from) / RECORD_WIDTH;
    if (count > 0 && (records[to - RECORD_WIDTH + RECORD_SHAPE] & SHAPE_JOINED) !== 0) count--;
    for (let q = 0; q < profile.names.length; q++) {
      const { acronym, initials } = profile.names[q];
      let related = false;
      if (acronym !== undefined && count >= 2 && acronym.length === count) {
        related = true;
        for (let i = 0; i < count && related; i++) related = this.spellingOf(records[from + i * RECORD_WIDTH + TOKEN_NUMBER], 0)[0] === acronym[i];
      }
      // Equal text has equal letters and length; only then is the text read.
      if (
        !related &&
        count === 1 &&
        initials.length >= 2 &&
        records[from + 1] === profile.initialsLetters[q] &&
        (records[from + RECORD_SHAPE] & SHAPE_LENGTH_MASK) === cappedLength(initials.length) &&
        this.spellingOf(records[from + TOKEN_NUMBER], 0) === initials
      ) {
        related = acronymOf([this.tokenObject(records[from + TOKEN_NUMBER])], 'organisation') !== undefined;
      }
      if (related) this.decisions[offset + q] |= ACRONYM;
    }
  }

  /**
   * Bits of the query tokens the token record at `at` is similar to (`tokenSimilarity` > 0).
   * Tokens of many names are compared exactly once per lookup; for the others, lengths, letter
   * masks and letter counts rule out most pairs, and the rest are compared exactly.
   */
  private similarQueryTokens(records: Int32Array, at: number, profile: QueryProfile): number {
    const token = records[at + TOKEN_NUMBER];
    const shape = records[at + RECORD_SHAPE];
    if ((shape & SHAPE_STAND_IN) !== 0) return 0;
    if ((shape & (SHAPE_COMMON | SHAPE_ABJAD | SHAPE_GREEK)) !== 0 || profile.exotic) return this.exactlySimilar(token, profile);
    const query = profile.packed;
    for (let slot = maskAllows(records, at, query, 0); slot >= 0; slot = maskAllows(records, at, query, slot + 1)) {
      const queryToken = profile.tokens[slot >> 1];
      const byKey = (slot & 1) === 1;
      const limit = editLimit(shape & SHAPE_LENGTH_MASK, query[(slot >> 1) * QUERY_TOKEN_WIDTH + 4]);
      if (!letterCountsDiffer(this.spellingOf(token, byKey ? 1 : 0), byKey ? queryToken.key : queryToken.text, limit)) {
        return this.exactlySimilar(token, profile);
      }
    }
    return 0;
  }

  /** Spelling `field` (0 text, 1 key, 2 skeleton, 3 lossy key) of a list token. */
  private spellingOf(token: number, field: number): string {
    return this.columns.spellings[this.columns.tokenSpellings[token * 4 + field]];
  }

  private exactlySimilar(token: number, profile: QueryProfile): number {
    if (this.similarStamp[token] === this.lookups) return this.similarBits[token];
    const listToken = this.tokenObject(token);
    let similar = 0;
    for (let i = 0; i < profile.tokens.length; i++) {
      if (tokenSimilarity(profile.tokens[i], listToken) > 0) similar |= 1 << i;
    }
    this.similarStamp[token] = this.lookups;
    this.similarBits[token] = similar;
    return similar;
  }

  /** A list token as the object scoring compares (equal in every field to the one analysed). */
  private tokenObject(token: number): NameToken {
    const { spellings, tokenSpellings, tokenShapes, tokenLetters } = this.columns;
    const shape = tokenShapes[token];
    const common = (shape & SHAPE_COMMON) !== 0;
    const cached = common ? this.commonTokenObjects.get(token) : undefined;
    if (cached !== undefined) return cached;
    const kind = KIND_CODES[(shape >>> SHAPE_KIND_SHIFT) & 3];
    const made: NameToken = {
      text: spellings[tokenSpellings[token * 4]],
      key: spellings[tokenSpellings[token * 4 + 1]],
      skeleton: spellings[tokenSpellings[token * 4 + 2]],
      lossy: spellings[tokenSpellings[token * 4 + 3]],
      kind,
      weight: TOKEN_WEIGHT[kind],
      abjad: (shape & SHAPE_ABJAD) !== 0,
      greek: (shape & SHAPE_GREEK) !== 0,
      letters: tokenLetters[token * TOKEN_LETTERS],
      keyLetters: tokenLetters[token * TOKEN_LETTERS + 1],
    };
    if (common) this.commonTokenObjects.set(token, made);
    return made;
  }

  /** The name whose name record starts at `name`, as scoring reads it. */
  private listName(name: number): ListName {
    const { records } = this.columns;
    const from = name + RECORD_WIDTH;
    const to = from + records[name + NAME_TOKENS] * RECORD_WIDTH;
    // The joined token, if any, is the last record; the array is made at its final size.
    const joinedLast = to > from && (records[to - RECORD_WIDTH + RECORD_SHAPE] & SHAPE_JOINED) !== 0;
    const end = joinedLast ? to - RECORD_WIDTH : to;
    const tokens = new Array<NameToken>((end - from) / RECORD_WIDTH);
    for (let at = from, i = 0; at < end; at += RECORD_WIDTH, i++) tokens[i] = this.tokenObject(records[at + TOKEN_NUMBER]);
    return { tokens, joined: joinedLast ? this.tokenObject(records[end + TOKEN_NUMBER]) : undefined };
  }

  /**
   * The score of a query name and a list name that candidate generation let through, on the
   * corpus's token weights (see `corpusAlignment`); a name of only common words scores 1 when its
   * whole name is the query's. Generation's own alignment, on fixed weights, only decides which
   * names are worth this.
   */
  private corpusScored(queryName: AnalysedName, listName: ListName, generated: TokenAlignment): TokenAlignment {
    const scored = compareWithCorpus(queryName, listName, this.tokenWeight);
    // A name of only common words scores by its whole name alone, never by generation's alignment.
    return scored.score > 0 || listName.tokens.some((token) => token.kind === 'distinctive') ? scored : generated.score > 0 ? NO_ALIGNMENT : generated;
  }

  /**
   * The evidence of a matched token: its kind's weight, lowered when many list names hold it.
   */
  private readonly tokenWeight = (token: NameToken): number => {
    const names = !this.frequencyWeights ? undefined : this.view !== undefined ? this.view.namesOfText(token.text) : this.columns.frequentTokens.get(token.text);
    const factor = names === undefined || names < FREQUENT_FROM ? 1 : Math.max(LEAST_FREQUENCY_FACTOR, 1 / (1 + 0.5 * Math.log2(names / FREQUENT_FROM)));
    return token.weight * factor;
  };

  /** Agreement of the query's country with any of the entry's; a mismatch only when the entry has countries and none agrees. */
  private countryOf(entry: ReferenceListEntry, queryCountry: string | undefined): CountryFeature {
    const wanted = comparableCountry(queryCountry);
    const countries = entryCountries(entry).filter((country) => comparableCountry(country) !== undefined);
    if (wanted === undefined || countries.length === 0) return 'unknown';
    return countries.some((country) => comparableCountry(country) === wanted) ? 'agree' : 'mismatch';
  }

  /**
   * The candidate of the entry whose record starts at `at`, or undefined. With `decided`, `decisions` holds the entry's
   * pairings and acronym relations; otherwise they are worked out here on the objects.
   */
  /** Keeps the best offer per feature (index in FEATURES): score, name record, shared tokens. */
  private offer(feature: number, score: number, name: number, shared: readonly string[]): void {
    if (score > this.bestScores[feature]) {
      this.bestScores[feature] = score;
      this.bestNames[feature] = name;
      this.bestShared[feature] = shared;
    }
  }

  private score(
    at: number,
    decided: boolean,
    queryNames: readonly AnalysedName[],
    queryCollapsed: readonly (readonly NameToken[] | undefined)[],
    query: ReferenceQuery,
    identifier: IdentifierKind | undefined,
    wholeName = false,
  ): ReferenceCandidate | undefined {
    const { records } = this.columns;
    const entryNumber = records[at + ENTRY_NUMBER];
    const entry = this.columns.entries[entryNumber];
    const list = this.lists[records[at + ENTRY_LIST]];
    const nameCount = records[at + ENTRY_NAMES];
    const listNames = new Array<ListName | undefined>(nameCount);
    const { bestScores, bestNames, bestShared } = this;
    bestScores.fill(-1);
    for (let q = 0; q < queryNames.length; q++) {
      const queryName = queryNames[q];
      let name = at + RECORD_WIDTH;
      for (let offset = 0; offset < nameCount; offset++) {
        const feature = records[name + NAME_FEATURE];
        let alignment: TokenAlignment;
        let acronym: boolean;
        if (decided) {
          const decision = this.decisions[offset * queryNames.length + q];
          const pairings = decision & ALL_PAIRINGS;
          // Name scores below the floor never survive (weak aliases need 0.95, others minScore).
          const pattern = this.decidedBy[offset];
          const remembered = pairings === 0 || pattern < 0 ? undefined : this.patternAlignments.get(pattern * MAX_REMEMBERED_QUERY_NAMES + q);
          if (pairings === 0) {
            alignment = NO_ALIGNMENT;
          } else if (remembered !== undefined) {
            alignment = remembered;
          } else {
            const listName = (listNames[offset] ??= this.listName(name));
            // The collapsed list tokens only for the pairings that read them.
            const listCollapsed = (pairings & (PAIRING.joinedB | PAIRING.joinedBoth)) !== 0 ? collapsed(listName) : undefined;
            alignment = alignPairings(queryName.tokens, listName.tokens, pairings, queryCollapsed[q], listCollapsed);
            if (pattern >= 0) this.patternAlignments.set(pattern * MAX_REMEMBERED_QUERY_NAMES + q, alignment);
          }
          acronym = (decision & ACRONYM) !== 0;
        } else {
          const { tokens, joined } = (listNames[offset] ??= this.listName(name));
          const analysed: ComparableName = { tokens, joined, initials: initialsOf(tokens), acronym: acronymOf(tokens, entry.schema === 'person' ? 'person' : 'organisation') };
          alignment = compareAnalysedAbove(queryName, analysed, this.scoreFloor, queryCollapsed[q], collapsed(analysed));
          acronym = entry.schema === 'organisation' && isAcronymOf(queryName, analysed);
        }
        // Pairs generation put below the floor stay there (most of a lookup's pairs); a name of only
        // common words has no generation score at all and is scored by its whole name.
        if (alignment.score >= this.scoreFloor - BOUND_SLACK || (!decided && wholeName)) {
          const pattern = decided && this.view?.patternScoresShared !== false ? this.decidedBy[offset] : -1;
          const key = pattern * MAX_REMEMBERED_QUERY_NAMES + q;
          const remembered = pattern >= 0 ? this.patternCorpusAlignments.get(key) : undefined;
          if (remembered !== undefined) {
            alignment = remembered;
          } else {
            alignment = this.corpusScored(queryName, (listNames[offset] ??= this.listName(name)), alignment);
            if (pattern >= 0) this.patternCorpusAlignments.set(key, alignment);
          }
        }
        const { score, shared } = alignment;
        if (feature === WEAK_ALIAS) {
          // A declared short alias is weak evidence whatever the similarity; it needs a near-exact hit.
          if (score >= 0.95) this.offer(WEAK_ALIAS, WEIGHT.weakAlias, name, shared);
        } else if (score > 0) {
          this.offer(feature, score * WEIGHT[FEATURES[feature]], name, shared);
        }
        if (acronym) this.offer(WEAK_ALIAS, ACRONYM_SCORE, name, NO_SHARED);
        name += (1 + records[name + NAME_TOKENS]) * RECORD_WIDTH;
      }
    }

    // Most candidates of a large index end here: nothing reached the floor and no identifier.
    if (identifier === undefined && this.minScore > 0 && bestScores[0] === -1 && bestScores[1] === -1 && bestScores[2] === -1) return undefined;

    const features: Record<string, number | string> = {};
    let score = 0;
    let matchedName = -1;
    let shared: readonly string[] = [];
    for (let feature = 0; feature < FEATURES.length; feature++) {
      const found = bestScores[feature];
      // A partial name similarity below the floor is noise, and listing it would hide that the
      // candidate rests on a weak alias only (RS-L-009 reads the feature keys).
      if (found === -1 || found < this.minScore) continue;
      // An acronym or short alias adds nothing to a stronger full-name match; listing it would
      // only blur the explanation.
      if (feature === WEAK_ALIAS && score >= found) continue;
      features[FEATURES[feature]] = round(found);
      if (found > score) {
        score = found;
        matchedName = bestNames[feature];
        shared = bestShared[feature];
      }
    }
    if (shared.length > 0) features.sharedTokens = shared.join(' ');
    if (identifier !== undefined) {
      features.identifier = identifier;
      score = Math.max(score, WEIGHT[identifier]);
    }
    const country = this.countryOf(entry, query.country);
    features.country = country;
    if (country === 'mismatch' && identifier === undefined) score -= COUNTRY_MISMATCH_PENALTY;
    score = round(Math.max(0, Math.min(1, score)));
    if (identifier === undefined && score < this.minScore) return undefined;

    const candidate: Mutable<ReferenceCandidate> = {
      listId: list.listId,
      listVersion: list.version,
      listKind: list.kind,
      entryId: entry.entryId,
      matchedName: matchedName === -1 ? entry.name : entryNameDisplay(entry, records[matchedName + NAME_FEATURE], records[matchedName + NAME_POSITION]),
      score,
      features,
      // Candidates are shared and never changed (see `RememberingReferenceIndex`): topics already
      // in order, as lists usually give them, are the entry's own array, not a sorted copy each time.
      topics: this.columns.topicsInOrder[entryNumber] === 1 ? (entry.topics ?? NO_TOPICS) : [...(entry.topics ?? [])].sort(),
    };
    if (entry.rating !== undefined) candidate.rating = entry.rating;
    if (entry.lastChange !== undefined) candidate.lastChange = entry.lastChange;
    if (list.topicSeverity !== undefined) candidate.topicSeverity = list.topicSeverity;
    return candidate;
  }
}
