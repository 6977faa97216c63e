// The list names of a FuzzyReferenceIndex in typed arrays: every distinct string once, every distinct
// token once (numbered), each entry as a run of records (entry, names, tokens) with the entries of a
// very common token stored together, postings and typo keys as grouped integer arrays. A lookup that
// runs through many entries then reads contiguous memory instead of objects, and the heap stays small.
import { normaliseIdentifier, type ReferenceList, type ReferenceListEntry } from '@ajar/appraisal';
import { BUILD_STEP, groupByKey, IntColumn, type Groups } from './int-column';
import { analyseName, TOKEN_VARIANTS, TOKEN_WEIGHT, type AnalysedName, type NameToken, type TokenCache, type TokenKind } from './normalise-organisation-name';
import { repeatedLetterMask } from './phonetic-key';

export type NameFeature = 'name' | 'alias' | 'weakAlias';

export interface EntryName {
  readonly feature: NameFeature;
  readonly display: string;
  /** Position in `aliases` or `weakAliases` (0 for the name). */
  readonly position: number;
}

/** The names of an entry that the index compares, in index order (blank names are skipped). */
export function entryNames(entry: ReferenceListEntry): EntryName[] {
  const names: EntryName[] = [];
  const add = (display: string, feature: NameFeature, position: number) => {
    if (display.trim() !== '') names.push({ feature, display, position });
  };
  add(entry.name, 'name', 0);
  const aliases = entry.aliases ?? [];
  aliases.forEach((alias, position) => add(alias, 'alias', position));
  // Former names are found as aliases are; their positions follow the aliases'.
  (entry.formerNames ?? []).forEach((former, position) => add(former, 'alias', aliases.length + position));
  (entry.weakAliases ?? []).forEach((alias, position) => add(alias, 'weakAlias', position));
  return names;
}

/** A name as a whole: its tokens' texts in order of text (word order does not matter). */
export function wholeNameKey(name: Pick<AnalysedName, 'tokens'>): string {
  return name.tokens
    .map((token) => token.text)
    .sort()
    .join(' ');
}

/** The display of an entry name, from its feature (index in `FEATURES`) and position. */
export function entryNameDisplay(entry: ReferenceListEntry, feature: number, position: number): string {
  if (feature === 0) return entry.name;
  const names = feature === 1 ? [...(entry.aliases ?? []), ...(entry.formerNames ?? [])] : (entry.weakAliases ?? []);
  if (position >= names.length) throw new Error(`entry ${entry.entryId} has no ${FEATURES[feature]} ${position}`);
  return names[position];
}

/**
 * Posting namespaces. They keep the cheap exact keys apart from the lossy ones, so a Latin query
 * only pays for skeleton and Greek keys when the other side needs them.
 */
export const NAMESPACE = { key: 0, skeleton: 1, abjadSkeleton: 2, lossy: 3, greekLossy: 4, initials: 5 } as const;
const NAMESPACE_COUNT = 6;

/** Typo keys start at this key length: shorter tokens have too many one-edit neighbours. */
export const MIN_TYPO_KEY_LENGTH = 5;
/** Texts of at least this many letters are found one edit away (scoring allows one edit from 4). */
export const MIN_TYPO_TEXT_LENGTH = 4;

// Records: six numbers each. An entry is an entry record, then per name a name record followed by
// its token records (tokens in order, then the joined token if any): everything a lookup reads to
// decide an entry lies together, behind one posting.
export const RECORD_WIDTH = 6;
export const RECORD_SHAPE = 5;
// Entry record: entry number, list number, schema number, name count, cluster number or -1, SHAPE_ENTRY.
export const ENTRY_NUMBER = 0;
export const ENTRY_LIST = 1;
export const ENTRY_SCHEMA = 2;
export const ENTRY_NAMES = 3;
export const ENTRY_CLUSTER = 4;
// Name record: pattern number (see `patternStart`) or -1, token count, feature (index in `FEATURES`),
// position (see `EntryName`), mark (a lookup's stamp, see `clusterText`), SHAPE_NAME.
export const NAME_PATTERN = 0;
export const NAME_TOKENS = 1;
export const NAME_FEATURE = 2;
export const NAME_POSITION = 3;
export const NAME_MARK = 4;
export const FEATURES: readonly NameFeature[] = ['name', 'alias', 'weakAlias'];
// Token record: token number, then the token's `TOKEN_LETTERS` letter masks, then its shape.
export const TOKEN_NUMBER = 0;
// Per token: letters of text, of key (`letterMask`), repeated letters of text, of key (`repeatedLetterMask`).
export const TOKEN_LETTERS = 4;
// Shape bits: text length and key length (capped at 255), kind code, script flags, joined token,
// a token of many names (worth remembering its similarities during a lookup), and record kinds.
export const SHAPE_LENGTH_MASK = 0xff;
export const SHAPE_KEY_LENGTH_SHIFT = 8;
export const SHAPE_KIND_SHIFT = 16;
export const SHAPE_ABJAD = 1 << 18;
export const SHAPE_GREEK = 1 << 19;
export const SHAPE_JOINED = 1 << 20;
export const SHAPE_COMMON = 1 << 21;
/** In a name pattern: stands for a token of the name that is not common (never similar to a query token). */
export const SHAPE_STAND_IN = 1 << 22;
export const SHAPE_ENTRY = 1 << 23;
export const SHAPE_NAME = 1 << 24;
// A cluster token: its two letter masks, text length | key length << 8, position of its name record.
export const CLUSTER_TOKEN_WIDTH = 4;
export const CLUSTER_LENGTHS = 257;
/** Tokens in at least this many names are `SHAPE_COMMON`. */
export const COMMON_TOKEN_NAMES = 8;
/** Names with a token of at least this many names get a pattern (see `patternStart`). */
const PATTERN_TOKEN_NAMES = 256;

export const KIND_CODES: readonly TokenKind[] = ['distinctive', 'sector', 'generic'];
export const DISTINCTIVE_CODE = 0;
/** Token weight by kind code. */
export const KIND_WEIGHTS: readonly number[] = KIND_CODES.map((kind) => TOKEN_WEIGHT[kind]);

/** Lengths are capped in the shape; a capped length only ever makes a length test looser. */
export function cappedLength(length: number): number {
  return length > SHAPE_LENGTH_MASK ? SHAPE_LENGTH_MASK : length;
}

export function tokenShape(token: NameToken): number {
  return (
    cappedLength(token.text.length) |
    (cappedLength(token.key.length) << SHAPE_KEY_LENGTH_SHIFT) |
    (KIND_CODES.indexOf(token.kind) << SHAPE_KIND_SHIFT) |
    (token.abjad ? SHAPE_ABJAD : 0) |
    (token.greek ? SHAPE_GREEK : 0)
  );
}

/** FNV-1a over UTF-16 code units, skipping the unit at `skip` (-1: none): typo keys as numbers. */
export function hashWithout(text: string, skip: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    if (i === skip) continue;
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** `variant` is `text` with one unit deleted. */
function isDeletionOf(variant: string, text: string): boolean {
  if (text.length !== variant.length + 1) return false;
  let i = 0;
  while (i < variant.length && variant.charCodeAt(i) === text.charCodeAt(i)) i++;
  for (; i < variant.length; i++) if (variant.charCodeAt(i) !== text.charCodeAt(i + 1)) return false;
  return true;
}

/** Entries of the index are numbered in list order. Positions in `records` are record numbers. */
export interface NameIndexColumns {
  readonly entries: readonly ReferenceListEntry[];
  readonly schemas: ReadonlyMap<string, number>;
  readonly records: Int32Array;
  /** Record number of each entry's entry record. */
  readonly entryRecord: Int32Array;
  /**
   * A name pattern is a name's common tokens, with stand-ins for the others; the names of a very
   * common token share few patterns, so a lookup decides a name whose other tokens match nothing
   * once per pattern. Pattern p: token records `patternStart[p]..patternStart[p + 1]` of `patternRecords`.
   */
  readonly patternStart: Int32Array;
  readonly patternRecords: Int32Array;
  /**
   * Clusters: the entries grouped by a very common token (see `clusterRecords`). Per cluster, the
   * tokens of its patterned names that are not common, as `CLUSTER_TOKEN_WIDTH` numbers each,
   * sorted by text length (`clusterText`, from `clusterTextStart[c * CLUSTER_LENGTHS + length]`)
   * and by key length (`clusterKey`, with the key masks): a lookup tests only the tokens of
   * lengths near a query token's, and marks their names.
   */
  readonly clusterText: Int32Array;
  readonly clusterTextStart: Int32Array;
  readonly clusterKey: Int32Array;
  readonly clusterKeyStart: Int32Array;
  /** Clusters by the key spelling of their token. */
  readonly clustersOfKey: ReadonlyMap<number, readonly number[]>;
  /** Per token: spelling numbers of text, key, skeleton and lossy key. */
  readonly tokenSpellings: Int32Array;
  readonly tokenShapes: Int32Array;
  /** Per token: `TOKEN_LETTERS` letter masks. */
  readonly tokenLetters: Int32Array;
  readonly spellings: readonly string[];
  readonly spellingNumbers: ReadonlyMap<string, number>;
  /** Entry record numbers per spelling, in entry order, one group array per namespace (undefined: empty). */
  readonly postings: readonly (Groups | undefined)[];
  /** Exact-key spellings by hash of their one-deletion variants (`hash & typoMask`). */
  readonly typoKeys: Groups;
  readonly typoMask: number;
  /**
   * The same for the texts of indexed tokens (`typoTextMask`): a one-letter typo in the text can
   * be two edits apart in the key ("gatshxk" → "gachksk", "gatshik" → "gachik").
   */
  readonly typoTexts: Groups;
  readonly typoTextMask: number;
  /** Per spelling number: 1 + the key spelling of an indexed token with this text, or 0. */
  readonly keyOfText: Int32Array;
  /** Entry numbers per identifier key. */
  readonly identifiers: ReadonlyMap<string, readonly number[]>;
  /**
   * Each entry's place in candidate order (list id, then entry id), so that a lookup sorts its
   * candidates by number rather than by comparing ids: thousands of candidates tied on score
   * sorted by their ids were a tenth of the slowest lookups.
   */
  readonly entryRank: Int32Array;
  /** Per entry, whether its topics are already in order: a candidate's topics without a sorted copy. */
  /**
   * Entry numbers by `wholeNameKey` of their names made only of common words ("MINISTRY OF STATE
   * SECURITY"): such names have no distinctive token to post, and are found by their whole name.
   */
  readonly wholeNames: ReadonlyMap<string, readonly number[]>;
  /** Names holding a token, by token text, for tokens of `COMMON_TOKEN_NAMES` names or more. */
  readonly frequentTokens: ReadonlyMap<string, number>;
  /** Token records per token number (`frequentTokens` keeps only the frequent ones): a delta counts from it. */
  readonly namesOfToken: Int32Array;
  readonly topicsInOrder: Int32Array;
}

/**
 * The token cache of a build: tokens numbered in order of first appearance, each analysed once
 * and its columns filled when it is first made.
 */
class TokenDictionary implements TokenCache {
  private readonly tokens: Map<string, NameToken>[] = Array.from({ length: TOKEN_VARIANTS }, () => new Map<string, NameToken>());
  private readonly numbers = new Map<NameToken, number>();
  readonly spellings: string[] = [];
  readonly spellingNumbers = new Map<string, number>();
  readonly tokenSpellings = new IntColumn();
  readonly tokenShapes = new IntColumn();
  readonly tokenLetters = new IntColumn();

  get(variant: number, text: string): NameToken | undefined {
    return this.tokens[variant].get(text);
  }

  set(variant: number, word: string, token: NameToken): void {
    this.tokens[variant].set(word, token);
    this.numbers.set(token, this.numbers.size);
    // The four spellings are often equal (no rewrite applies): one lookup then serves several.
    const text = this.spell(token.text);
    const key = token.key === token.text ? text : this.spell(token.key);
    const skeleton = token.skeleton === token.key ? key : this.spell(token.skeleton);
    const lossy = token.lossy === token.key ? key : this.spell(token.lossy);
    this.tokenSpellings.push(text);
    this.tokenSpellings.push(key);
    this.tokenSpellings.push(skeleton);
    this.tokenSpellings.push(lossy);
    this.tokenShapes.push(tokenShape(token));
    this.tokenLetters.push(token.letters);
    this.tokenLetters.push(token.keyLetters);
    this.tokenLetters.push(repeatedLetterMask(token.text));
    this.tokenLetters.push(repeatedLetterMask(token.key));
  }

  numberOf(token: NameToken): number {
    const number = this.numbers.get(token);
    if (number === undefined) throw new Error(`token "${token.text}" was not made through the index's cache`);
    return number;
  }

  spell(text: string): number {
    let number = this.spellingNumbers.get(text);
    if (number === undefined) {
      number = this.spellings.length;
      this.spellings.push(text);
      this.spellingNumbers.set(text, number);
    }
    return number;
  }
}

function pushIdentifier(map: Map<string, number[]>, key: string, entry: number): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, [entry]);
  else if (bucket[bucket.length - 1] !== entry) bucket.push(entry);
}

const IDENTIFIER_KINDS = ['lei', 'registration', 'ror'] as const;

/**
 * Builds the columns of `lists` (already in index order), yielding after every entry and every
 * slice of the final grouping, so a caller can spread the work over several event-loop turns.
 */
export function* buildNameIndex(lists: readonly ReferenceList[]): Generator<void, NameIndexColumns> {
  const dictionary = new TokenDictionary();
  const entries: ReferenceListEntry[] = [];
  const schemas = new Map<string, number>();
  const records = new IntColumn();
  const entryRecord = new IntColumn();
  const topicsInOrder = new IntColumn();
  const postingSpellings: IntColumn[] = [];
  const postingEntries: IntColumn[] = [];
  for (let namespace = 0; namespace < NAMESPACE_COUNT; namespace++) {
    postingSpellings.push(new IntColumn());
    postingEntries.push(new IntColumn());
  }
  /** Whether a spelling has an exact-key posting yet (its typo keys are added on the first). */
  const keyPosted = new IntColumn();
  const keyOfText = new IntColumn();
  const typoTextHashes = new IntColumn();
  const typoTextSpellings = new IntColumn();
  const typoHashes = new IntColumn();
  const typoSpellings = new IntColumn();
  const identifiers = new Map<string, number[]>();
  const wholeNames = new Map<string, number[]>();
  // Keys of the entry being added, deduplicated (a handful, so a linear scan).
  const entryKeyNamespaces: number[] = [];
  const entryKeySpellings: number[] = [];

  const addKey = (namespace: number, spelling: number) => {
    for (let i = 0; i < entryKeyNamespaces.length; i++) {
      if (entryKeyNamespaces[i] === namespace && entryKeySpellings[i] === spelling) return;
    }
    entryKeyNamespaces.push(namespace);
    entryKeySpellings.push(spelling);
  };
  // The token's spellings were numbered when it was made: no string is hashed again here.
  const addTokenKeys = (token: NameToken) => {
    const spellings = dictionary.numberOf(token) * 4;
    const numbers = dictionary.tokenSpellings;
    addKey(NAMESPACE.key, numbers.at(spellings + 1));
    const text = numbers.at(spellings);
    keyOfText.extendTo(text + 1);
    if (keyOfText.at(text) === 0) {
      keyOfText.set(text, numbers.at(spellings + 1) + 1);
      if (token.text.length >= MIN_TYPO_TEXT_LENGTH) {
        for (let at = 0; at < token.text.length; at++) {
          if (at > 0 && token.text.charCodeAt(at) === token.text.charCodeAt(at - 1)) continue;
          typoTextHashes.push(hashWithout(token.text, at));
          typoTextSpellings.push(text);
        }
      }
    }
    if (token.skeleton.length >= 2) addKey(token.abjad ? NAMESPACE.abjadSkeleton : NAMESPACE.skeleton, numbers.at(spellings + 2));
    addKey(token.greek ? NAMESPACE.greekLossy : NAMESPACE.lossy, numbers.at(spellings + 3));
  };
  const addRecord = (a: number, b: number, c: number, d: number, e: number, shape: number) => {
    records.push(a);
    records.push(b);
    records.push(c);
    records.push(d);
    records.push(e);
    records.push(shape);
  };
  const addTokenRecord = (token: NameToken, joined: boolean) => {
    const number = dictionary.numberOf(token);
    const letters = number * TOKEN_LETTERS;
    const masks = dictionary.tokenLetters;
    addRecord(number, masks.at(letters), masks.at(letters + 1), masks.at(letters + 2), masks.at(letters + 3), tokenShape(token) | (joined ? SHAPE_JOINED : 0));
  };

  for (let listNumber = 0; listNumber < lists.length; listNumber++) {
    for (const entry of lists[listNumber].entries) {
      const id = entries.length;
      entries.push(entry);
      topicsInOrder.push(inOrder(entry.topics ?? []) ? 1 : 0);
      let schema = schemas.get(entry.schema);
      if (schema === undefined) {
        schema = schemas.size;
        schemas.set(entry.schema, schema);
      }
      const names = entryNames(entry);
      const analysed: AnalysedName[] = names.map(({ display }) => analyseName(display, entry.schema === 'person' ? 'person' : 'organisation', dictionary));
      entryRecord.push(records.length / RECORD_WIDTH);
      addRecord(id, listNumber, schema, analysed.length, 0, SHAPE_ENTRY);
      entryKeyNamespaces.length = 0;
      entryKeySpellings.length = 0;
      for (const [offset, name] of analysed.entries()) {
        const { feature, position } = names[offset];
        addRecord(-1, name.tokens.length + (name.joined !== undefined ? 1 : 0), FEATURES.indexOf(feature), position, 0, SHAPE_NAME);
        for (const token of name.tokens) addTokenRecord(token, false);
        if (name.joined !== undefined) addTokenRecord(name.joined, true);
        // Index keys of the distinctive tokens and the joined one.
        for (const token of name.tokens) if (token.kind === 'distinctive') addTokenKeys(token);
        if (name.tokens.length > 0 && !name.tokens.some((token) => token.kind === 'distinctive')) {
          const key = wholeNameKey(name);
          const found = wholeNames.get(key);
          if (found === undefined) wholeNames.set(key, [id]);
          else if (found[found.length - 1] !== id) found.push(id);
        }
        if (name.joined !== undefined) addTokenKeys(name.joined);
      }
      for (let i = 0; i < entryKeyNamespaces.length; i++) {
        const namespace = entryKeyNamespaces[i];
        const spelling = entryKeySpellings[i];
        if (namespace === NAMESPACE.key) {
          keyPosted.extendTo(spelling + 1);
          if (keyPosted.at(spelling) === 0) {
            keyPosted.set(spelling, 1);
            const key = dictionary.spellings[spelling];
            if (key.length >= MIN_TYPO_KEY_LENGTH) {
              // One number per distinct deletion: equal neighbours give the same variant.
              for (let at = 0; at < key.length; at++) {
                if (at > 0 && key.charCodeAt(at) === key.charCodeAt(at - 1)) continue;
                typoHashes.push(hashWithout(key, at));
                typoSpellings.push(spelling);
              }
            }
          }
        }
        postingSpellings[namespace].push(spelling);
        postingEntries[namespace].push(id);
      }
      // Initials of multi-word names, for acronym queries (once per entry and initials).
      const initialsSeen: number[] = [];
      for (const name of analysed) {
        if (name.initials.length < 2 || name.initials.length > 6) continue;
        const spelling = dictionary.spell(name.initials);
        if (initialsSeen.includes(spelling)) continue;
        initialsSeen.push(spelling);
        postingSpellings[NAMESPACE.initials].push(spelling);
        postingEntries[NAMESPACE.initials].push(id);
      }
      for (const kind of IDENTIFIER_KINDS) {
        const key = normaliseIdentifier(entry.identifiers?.[kind]);
        if (key !== undefined) pushIdentifier(identifiers, `${kind}:${key}`, id);
      }
      yield;
    }
  }

  const builtRecords = records.finish();
  const tokenShapes = dictionary.tokenShapes.finish();
  const namesOfToken = yield* markCommonTokens(builtRecords, tokenShapes);
  const frequentTokens = new Map<string, number>();
  for (let token = 0; token < namesOfToken.length; token++) {
    if (namesOfToken[token] < COMMON_TOKEN_NAMES) continue;
    const text = dictionary.spellings[dictionary.tokenSpellings.at(token * 4)];
    frequentTokens.set(text, Math.max(frequentTokens.get(text) ?? 0, namesOfToken[token]));
  }
  const { clusterTokens, ...clustered } = yield* clusterRecords(builtRecords, entryRecord.finish(), namesOfToken);
  // Numbered in clustered order, so the patterns of a common token's names are near each other too.
  const patterns = yield* namePatterns(clustered.records, namesOfToken);
  const clusters = yield* clusterTables(clustered.records, clusterTokens.length);
  const clustersOfKey = new Map<number, number[]>();
  clusterTokens.forEach((token, cluster) => {
    const key = dictionary.tokenSpellings.at(token * 4 + 1);
    clustersOfKey.set(key, [...(clustersOfKey.get(key) ?? []), cluster]);
  });

  const spellingCount = dictionary.spellings.length;
  const postings: (Groups | undefined)[] = [];
  for (let namespace = 0; namespace < NAMESPACE_COUNT; namespace++) {
    const spellings = postingSpellings[namespace].finish();
    if (spellings.length === 0) {
      postings.push(undefined);
      continue;
    }
    const grouped = yield* groupByKey(spellings, postingEntries[namespace].finish(), spellingCount);
    for (let i = 0; i < grouped.values.length; i++) grouped.values[i] = clustered.entryRecord[grouped.values[i]];
    postings.push(grouped);
  }
  const { groups: typoKeys, mask: typoMask } = yield* typoTable(typoHashes, typoSpellings);
  const { groups: typoTexts, mask: typoTextMask } = yield* typoTable(typoTextHashes, typoTextSpellings);
  keyOfText.extendTo(dictionary.spellings.length);
  const entryRank = yield* rankEntries(lists, entries);

  return {
    entries,
    schemas,
    ...clustered,
    ...patterns,
    ...clusters,
    clustersOfKey,
    tokenSpellings: dictionary.tokenSpellings.finish(),
    tokenShapes,
    tokenLetters: dictionary.tokenLetters.finish(),
    spellings: dictionary.spellings,
    spellingNumbers: dictionary.spellingNumbers,
    postings,
    typoKeys,
    typoMask,
    typoTexts,
    typoTextMask,
    keyOfText: keyOfText.finish(),
    identifiers,
    entryRank,
    topicsInOrder: topicsInOrder.finish(),
    wholeNames,
    frequentTokens,
    namesOfToken,
  };
}

/**
 * The records in a new order: entries grouped by their most frequent distinctive token (of
 * `PATTERN_TOKEN_NAMES` names or more), in entry order within a group, the others after them. The
 * entries behind a very common token's posting then lie together in memory, which a lookup reads
 * page by page instead of one page per entry. Entry numbers, and so posting order, do not change.
 */
function* clusterRecords(
  records: Int32Array,
  entryRecord: Int32Array,
  namesOfToken: Int32Array,
): Generator<void, Pick<NameIndexColumns, 'records' | 'entryRecord'> & { clusterTokens: number[] }> {
  const entryCount = entryRecord.length;
  const groupOf = new Int32Array(entryCount);
  const recordEnd = (entry: number) => (entry + 1 < entryCount ? entryRecord[entry + 1] : records.length / RECORD_WIDTH);
  for (let entry = 0; entry < entryCount; entry++) {
    let group = namesOfToken.length;
    let best = PATTERN_TOKEN_NAMES - 1;
    for (let at = entryRecord[entry] * RECORD_WIDTH; at < recordEnd(entry) * RECORD_WIDTH; at += RECORD_WIDTH) {
      const shape = records[at + RECORD_SHAPE];
      if (!isTokenRecord(shape) || ((shape >>> SHAPE_KIND_SHIFT) & 3) !== DISTINCTIVE_CODE) continue;
      const token = records[at + TOKEN_NUMBER];
      if (namesOfToken[token] > best || (namesOfToken[token] === best && token < group)) {
        best = namesOfToken[token];
        group = token;
      }
    }
    groupOf[entry] = group;
    if ((entry & (BUILD_STEP - 1)) === BUILD_STEP - 1) yield;
  }
  const entryNumbers = new Int32Array(entryCount);
  for (let entry = 0; entry < entryCount; entry++) entryNumbers[entry] = entry;
  const { values: order } = yield* groupByKey(groupOf, entryNumbers, namesOfToken.length + 1);
  const clustered = new Int32Array(records.length);
  const clusteredEntryRecord = new Int32Array(entryCount);
  const clusterTokens: number[] = [];
  let written = 0;
  for (let i = 0; i < order.length; i++) {
    const entry = order[i];
    const group = groupOf[entry];
    if (group < namesOfToken.length && clusterTokens[clusterTokens.length - 1] !== group) clusterTokens.push(group);
    records[entryRecord[entry] * RECORD_WIDTH + ENTRY_CLUSTER] = group < namesOfToken.length ? clusterTokens.length - 1 : -1;
    clusteredEntryRecord[entry] = written / RECORD_WIDTH;
    const from = entryRecord[entry] * RECORD_WIDTH;
    const to = recordEnd(entry) * RECORD_WIDTH;
    clustered.set(records.subarray(from, to), written);
    written += to - from;
    if ((i & (BUILD_STEP - 1)) === BUILD_STEP - 1) yield;
  }
  return { records: clustered, entryRecord: clusteredEntryRecord, clusterTokens };
}

/**
 * The cluster tables (see `clusterText`): the tokens that are not common of the names that have a
 * pattern, in each cluster's entries, by text length and by key length.
 */
function* clusterTables(
  records: Int32Array,
  clusterCount: number,
): Generator<void, Pick<NameIndexColumns, 'clusterText' | 'clusterTextStart' | 'clusterKey' | 'clusterKeyStart'>> {
  // Count per cluster and length, then place (a counting sort by cluster, then length).
  const textStart = new Int32Array(clusterCount * CLUSTER_LENGTHS + 1);
  const keyStart = new Int32Array(clusterCount * CLUSTER_LENGTHS + 1);
  const visit = function* (place: (cluster: number, name: number, at: number) => void): Generator<void, void> {
    let cluster = -1;
    let name = -1;
    for (let at = 0, step = 0; at < records.length; at += RECORD_WIDTH, step++) {
      if ((step & (BUILD_STEP - 1)) === BUILD_STEP - 1) yield;
      const shape = records[at + RECORD_SHAPE];
      if ((shape & SHAPE_ENTRY) !== 0) cluster = records[at + ENTRY_CLUSTER];
      else if ((shape & SHAPE_NAME) !== 0) name = at;
      else if (cluster >= 0 && records[name + NAME_PATTERN] >= 0 && (shape & SHAPE_COMMON) === 0) place(cluster, name, at);
    }
  };
  yield* visit((cluster, _name, at) => {
    const shape = records[at + RECORD_SHAPE];
    textStart[cluster * CLUSTER_LENGTHS + (shape & SHAPE_LENGTH_MASK) + 1]++;
    keyStart[cluster * CLUSTER_LENGTHS + ((shape >>> SHAPE_KEY_LENGTH_SHIFT) & SHAPE_LENGTH_MASK) + 1]++;
  });
  for (let i = 0; i < textStart.length - 1; i++) {
    textStart[i + 1] += textStart[i];
    keyStart[i + 1] += keyStart[i];
  }
  const clusterText = new Int32Array(textStart[textStart.length - 1] * CLUSTER_TOKEN_WIDTH);
  const clusterKey = new Int32Array(clusterText.length);
  const textCursor = textStart.slice(0, -1);
  const keyCursor = keyStart.slice(0, -1);
  yield* visit((cluster, name, at) => {
    const shape = records[at + RECORD_SHAPE];
    const lengths = shape & ((SHAPE_LENGTH_MASK << SHAPE_KEY_LENGTH_SHIFT) | SHAPE_LENGTH_MASK);
    const text = textCursor[cluster * CLUSTER_LENGTHS + (shape & SHAPE_LENGTH_MASK)]++ * CLUSTER_TOKEN_WIDTH;
    clusterText[text] = records[at + 1];
    clusterText[text + 1] = records[at + 3];
    clusterText[text + 2] = lengths;
    clusterText[text + 3] = name;
    const key = keyCursor[cluster * CLUSTER_LENGTHS + ((shape >>> SHAPE_KEY_LENGTH_SHIFT) & SHAPE_LENGTH_MASK)]++ * CLUSTER_TOKEN_WIDTH;
    clusterKey[key] = records[at + 2];
    clusterKey[key + 1] = records[at + 4];
    clusterKey[key + 2] = lengths;
    clusterKey[key + 3] = name;
  });
  return { clusterText, clusterTextStart: textStart, clusterKey, clusterKeyStart: keyStart };
}

function isTokenRecord(shape: number): boolean {
  return (shape & (SHAPE_ENTRY | SHAPE_NAME)) === 0;
}

/** Counts the names of each token; marks tokens of `COMMON_TOKEN_NAMES` or more, and their records. */
function* markCommonTokens(records: Int32Array, tokenShapes: Int32Array): Generator<void, Int32Array> {
  const namesOfToken = new Int32Array(tokenShapes.length);
  for (let at = 0, step = 0; at < records.length; at += RECORD_WIDTH, step++) {
    if (isTokenRecord(records[at + RECORD_SHAPE])) namesOfToken[records[at + TOKEN_NUMBER]]++;
    if ((step & (BUILD_STEP - 1)) === BUILD_STEP - 1) yield;
  }
  for (let at = 0, step = 0; at < records.length; at += RECORD_WIDTH, step++) {
    const shape = records[at + RECORD_SHAPE];
    if (isTokenRecord(shape) && namesOfToken[records[at + TOKEN_NUMBER]] >= COMMON_TOKEN_NAMES) records[at + RECORD_SHAPE] = shape | SHAPE_COMMON;
    if ((step & (BUILD_STEP - 1)) === BUILD_STEP - 1) yield;
  }
  for (let token = 0; token < tokenShapes.length; token++) if (namesOfToken[token] >= COMMON_TOKEN_NAMES) tokenShapes[token] |= SHAPE_COMMON;
  return namesOfToken;
}

/**
 * Gives the names that have a token of `PATTERN_TOKEN_NAMES` or more names their pattern (in
 * their name record) and returns the patterns' token records.
 */
function* namePatterns(records: Int32Array, namesOfToken: Int32Array): Generator<void, Pick<NameIndexColumns, 'patternStart' | 'patternRecords'>> {
  const patternNumbers = new Map<string, number>();
  const patternStart = new IntColumn();
  const patternRecords = new IntColumn();
  // The name's tokens in order: a common token by number, another by kind code and joined flag
  // (what its weight and group depend on). Order is kept so that a pattern is a template of its
  // names: aligned against a query, each name whose other tokens match nothing scores as the pattern.
  const template: string[] = [];
  for (let name = 0, step = 0; name < records.length; name += RECORD_WIDTH, step++) {
    if ((step & (BUILD_STEP - 1)) === BUILD_STEP - 1) yield;
    if ((records[name + RECORD_SHAPE] & SHAPE_NAME) === 0) continue;
    const from = name + RECORD_WIDTH;
    const to = from + records[name + NAME_TOKENS] * RECORD_WIDTH;
    let frequent = false;
    let exotic = false;
    template.length = 0;
    for (let at = from; at < to; at += RECORD_WIDTH) {
      const shape = records[at + RECORD_SHAPE];
      const joined = (shape & SHAPE_JOINED) !== 0 ? 1 : 0;
      if (namesOfToken[records[at + TOKEN_NUMBER]] >= PATTERN_TOKEN_NAMES) frequent = true;
      if ((shape & SHAPE_COMMON) !== 0) template.push(String(records[at + TOKEN_NUMBER] * 2 + joined));
      else template.push(`s${((shape >>> SHAPE_KIND_SHIFT) & 3) * 2 + joined}`);
      if ((shape & SHAPE_COMMON) === 0 && (shape & (SHAPE_ABJAD | SHAPE_GREEK)) !== 0) exotic = true;
    }
    // Arabic, Hebrew and Greek tokens are always compared exactly, so their names take no shortcut.
    if (!frequent || exotic) continue;
    const key = template.join(',');
    let pattern = patternNumbers.get(key);
    if (pattern === undefined) {
      pattern = patternNumbers.size;
      patternNumbers.set(key, pattern);
      patternStart.push(patternRecords.length / RECORD_WIDTH);
      for (let at = from; at < to; at += RECORD_WIDTH) {
        const shape = records[at + RECORD_SHAPE];
        if ((shape & SHAPE_COMMON) !== 0) {
          for (let i = 0; i < RECORD_WIDTH; i++) patternRecords.push(records[at + i]);
        } else {
          patternRecords.push(-1);
          for (let i = 0; i < TOKEN_LETTERS; i++) patternRecords.push(0);
          patternRecords.push((shape & ((3 << SHAPE_KIND_SHIFT) | SHAPE_JOINED)) | SHAPE_STAND_IN);
        }
      }
    }
    records[name + NAME_PATTERN] = pattern;
  }
  patternStart.push(patternRecords.length / RECORD_WIDTH);
  return { patternStart: patternStart.finish(), patternRecords: patternRecords.finish() };
}

/** Spellings grouped by the hash of their one-deletion variants, in buckets of `hash & mask`. */
function* typoTable(hashes: IntColumn, spellings: IntColumn): Generator<void, { groups: Groups; mask: number }> {
  // About two variants per bucket: short lists, and a table a quarter the size of the variants.
  let mask = 15;
  while (mask * 2 < hashes.length) mask = mask * 2 + 1;
  const buckets = hashes.finish();
  for (let i = 0; i < buckets.length; i++) {
    buckets[i] &= mask;
    if ((i & (BUILD_STEP - 1)) === BUILD_STEP - 1) yield;
  }
  return { groups: yield* groupByKey(buckets, spellings.finish(), mask + 1), mask };
}

function inOrder(texts: readonly string[]): boolean {
  for (let i = 1; i < texts.length; i++) if (texts[i - 1] > texts[i]) return false;
  return true;
}

// Entries sorted natively in runs of this many, then merged: each run is a few milliseconds.
const RANK_RUN = 4096;

/**
 * `NameIndexColumns.entryRank`. Entries are numbered list by list, lists in id order, so the ranks
 * sort each run of lists of one id by entry id (equal ids by number); in steps, so a build yields.
 */
function* rankEntries(lists: readonly ReferenceList[], entries: readonly ReferenceListEntry[]): Generator<void, Int32Array> {
  let order = new Int32Array(entries.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const byEntryId = (a: number, b: number) => {
    const x = entries[a].entryId;
    const y = entries[b].entryId;
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  // Lists of one id form a group; a group's entries are consecutive.
  const groups: number[] = [0];
  for (let list = 0, end = 0; list < lists.length; list++) {
    end += lists[list].entries.length;
    if (list === lists.length - 1 || lists[list + 1].listId !== lists[list].listId) groups.push(end);
  }
  for (let g = 0; g + 1 < groups.length; g++) {
    for (let at = groups[g]; at < groups[g + 1]; at += RANK_RUN) {
      order.subarray(at, Math.min(at + RANK_RUN, groups[g + 1])).sort(byEntryId);
      yield;
    }
  }
  let other = new Int32Array(entries.length);
  for (let width = RANK_RUN; ; width *= 2) {
    let merged = false;
    let steps = 0;
    for (let g = 0; g + 1 < groups.length; g++) {
      const end = groups[g + 1];
      for (let low = groups[g]; low < end; low += 2 * width) {
        const middle = Math.min(low + width, end);
        const high = Math.min(low + 2 * width, end);
        if (middle < high) merged = true;
        let i = low;
        let j = middle;
        for (let k = low; k < high; k++) {
          other[k] = i < middle && (j >= high || byEntryId(order[i], order[j]) <= 0) ? order[i++] : order[j++];
          if (++steps === BUILD_STEP) {
            steps = 0;
            yield;
          }
        }
      }
    }
    [order, other] = [other, order];
    if (!merged) break;
  }
  const rank = other;
  for (let i = 0; i < order.length; i++) rank[order[i]] = i;
  return rank;
}

/** Exact-key spellings that `variant` is a one-deletion variant of, in the order they were first indexed. */
export function typoKeysOf(columns: NameIndexColumns, variant: string): number[] {
  return oneDeletionFrom(columns, columns.typoKeys, columns.typoMask, variant);
}

/** Token texts that `variant` is a one-deletion variant of (spelling numbers), in the order they were first indexed. */
export function typoTextsOf(columns: NameIndexColumns, variant: string): number[] {
  return oneDeletionFrom(columns, columns.typoTexts, columns.typoTextMask, variant);
}

function oneDeletionFrom(columns: NameIndexColumns, table: Groups, mask: number, variant: string): number[] {
  const bucket = hashWithout(variant, -1) & mask;
  const { start, values } = table;
  const found: number[] = [];
  for (let i = start[bucket]; i < start[bucket + 1]; i++) {
    const spelling = values[i];
    if (isDeletionOf(variant, columns.spellings[spelling]) && found[found.length - 1] !== spelling) found.push(spelling);
  }
  return found;
}
