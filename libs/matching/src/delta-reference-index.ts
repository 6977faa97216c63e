// A list version applied to the index of the versions before it, instead of a rebuild: the large
// base index is kept as it was built, the entries later versions removed or changed are hidden in
// it, and what they add or change is a small index of its own. Both layers count the corpus as one
// (frequency weights, the typo-expansion rule), so every lookup answers as a fresh build of the
// current versions would.
import type { ReferenceCandidate, ReferenceIndex, ReferenceList, ReferenceListEntry, ReferenceListVersion, ReferenceQuery } from '@ajar/appraisal';
import { FuzzyReferenceIndex, type CorpusView, type FuzzyReferenceIndexOptions } from './fuzzy-reference-index';
import {
  COMMON_TOKEN_NAMES,
  DISTINCTIVE_CODE,
  ENTRY_NUMBER,
  RECORD_SHAPE,
  RECORD_WIDTH,
  SHAPE_ABJAD,
  SHAPE_ENTRY,
  SHAPE_GREEK,
  SHAPE_JOINED,
  SHAPE_KIND_SHIFT,
  SHAPE_NAME,
  TOKEN_NUMBER,
  type NameIndexColumns,
} from './name-index';

/** What one list version changes against the version before it. */
export interface ReferenceListDelta {
  readonly listId: string;
  /** The version the delta leads to (from the version the index holds, whichever that is). */
  readonly version: number;
  /** Entries the version adds or changes, as they now read. */
  readonly upserted: readonly ReferenceListEntry[];
  /** Ids of the entries the version drops. */
  readonly removedEntryIds: readonly string[];
}

// A token's kind and script flags: with its text, what tells two tokens of a build apart.
const TOKEN_IDENTITY_BITS = (3 << SHAPE_KIND_SHIFT) | SHAPE_ABJAD | SHAPE_GREEK;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Adds `sign` per token record and per exact key of the entries `entryNumbers` of `columns`. */
function countEntries(
  columns: NameIndexColumns,
  entryNumbers: Iterable<number>,
  sign: number,
  tokenCounts: Map<string, number>,
  keyCounts: Map<string, number>,
): void {
  const { records, entryRecord, tokenShapes, tokenSpellings, spellings } = columns;
  const keys = new Set<string>();
  for (const entry of entryNumbers) {
    keys.clear();
    for (let at = entryRecord[entry] * RECORD_WIDTH; at < records.length; at += RECORD_WIDTH) {
      const shape = records[at + RECORD_SHAPE];
      if ((shape & SHAPE_ENTRY) !== 0 && records[at + ENTRY_NUMBER] !== entry) break;
      if ((shape & (SHAPE_ENTRY | SHAPE_NAME)) !== 0) continue;
      const token = records[at + TOKEN_NUMBER];
      const identity = `${tokenShapes[token] & TOKEN_IDENTITY_BITS}\u0000${spellings[tokenSpellings[token * 4]]}`;
      tokenCounts.set(identity, (tokenCounts.get(identity) ?? 0) + sign);
      // The exact-key postings hold distinctive tokens and joined ones, once per entry.
      if ((shape & SHAPE_JOINED) !== 0 || ((shape >>> SHAPE_KIND_SHIFT) & 3) === DISTINCTIVE_CODE) keys.add(spellings[tokenSpellings[token * 4 + 1]]);
    }
    for (const key of keys) keyCounts.set(key, (keyCounts.get(key) ?? 0) + sign);
  }
}

/** Token records per token identity in `columns`, for the identities whose text is in `texts`. */
function countsOfTexts(columns: NameIndexColumns, texts: ReadonlySet<string>): Map<string, number> {
  const { spellingNumbers, tokenSpellings, tokenShapes, namesOfToken, spellings } = columns;
  const wanted = new Set<number>();
  for (const text of texts) {
    const spelling = spellingNumbers.get(text);
    if (spelling !== undefined) wanted.add(spelling);
  }
  const counts = new Map<string, number>();
  if (wanted.size === 0) return counts;
  for (let token = 0; token < tokenShapes.length; token++) {
    const text = tokenSpellings[token * 4];
    if (wanted.has(text)) counts.set(`${tokenShapes[token] & TOKEN_IDENTITY_BITS}\u0000${spellings[text]}`, namesOfToken[token]);
  }
  return counts;
}

/**
 * The index of a set of list versions as a base index (of earlier versions, shared, never changed)
 * and an overlay of what later versions add or change. `next` applies one more delta; `FuzzyReferenceIndex`
 * answers for the base, the same class for the overlay, both inside one `CorpusView`.
 */
export class DeltaReferenceIndex implements ReferenceIndex {
  private readonly baseView: CorpusView;
  private readonly overlayView: CorpusView;
  private readonly versionOf: ReadonlyMap<string, number>;

  private constructor(
    /** The index all deltas apply to. */
    readonly base: FuzzyReferenceIndex,
    /** By base entry number: 1 for entries removed or changed since the base. */
    private readonly hidden: Uint8Array,
    /** The entries added or changed since the base, as lists of their current version. */
    private readonly overlayLists: readonly ReferenceList[],
    private readonly overlay: FuzzyReferenceIndex,
    private readonly options: FuzzyReferenceIndexOptions,
  ) {
    this.versionOf = new Map(overlayLists.map((list) => [list.listId, list.version]));
    const baseColumns = base.nameColumns();
    const overlayColumns = overlay.nameColumns();
    // Counts the current corpus differs by from the base: the overlay's entries less the hidden ones.
    const tokenCounts = new Map<string, number>();
    const keyCounts = new Map<string, number>();
    const hiddenEntries: number[] = [];
    for (let entry = 0; entry < hidden.length; entry++) if (hidden[entry] === 1) hiddenEntries.push(entry);
    countEntries(baseColumns, hiddenEntries, -1, tokenCounts, keyCounts);
    countEntries(overlayColumns, overlayColumns.entries.keys(), 1, tokenCounts, keyCounts);
    const texts = new Set<string>();
    for (const identity of tokenCounts.keys()) texts.add(identity.slice(identity.indexOf('\u0000') + 1));
    const baseCounts = countsOfTexts(baseColumns, texts);
    // Per text, the most names of one of its tokens (as a build's `frequentTokens`).
    const namesOfChangedText = new Map<string, number>();
    for (const [identity, count] of baseCounts) tokenCounts.set(identity, (tokenCounts.get(identity) ?? 0) + count);
    let promoted = false;
    for (const [identity, count] of tokenCounts) {
      const text = identity.slice(identity.indexOf('\u0000') + 1);
      namesOfChangedText.set(text, Math.max(namesOfChangedText.get(text) ?? 0, count));
      if (count >= COMMON_TOKEN_NAMES && (baseCounts.get(identity) ?? 0) < COMMON_TOKEN_NAMES) promoted = true;
    }
    const namesOfText = (text: string): number | undefined => namesOfChangedText.get(text) ?? baseColumns.frequentTokens.get(text);
    const keyPostingSize = (key: string): number => base.keyPostingSize(key) + (keyCounts.get(key) ?? 0);
    this.baseView = { hidden, namesOfText, keyPostingSize, patternScoresShared: !promoted };
    // The overlay's patterns were counted on the overlay alone: its names never share a score.
    this.overlayView = { hidden: undefined, namesOfText, keyPostingSize, patternScoresShared: false };
  }

  /** The base as an index with nothing applied yet. */
  static of(base: FuzzyReferenceIndex, options: FuzzyReferenceIndexOptions = {}): DeltaReferenceIndex {
    return new DeltaReferenceIndex(base, new Uint8Array(base.nameColumns().entries.length), [], new FuzzyReferenceIndex([], options), options);
  }

  /** Entries in the overlay: what the deltas so far add or change. */
  get overlayEntries(): number {
    return this.overlay.nameColumns().entries.length;
  }

  /** Entries of the base hidden by the deltas so far. */
  get hiddenEntries(): number {
    let count = 0;
    for (const flag of this.hidden) count += flag;
    return count;
  }

  /**
   * This index with `delta` applied: a new index sharing the base (this one stays as it was, for
   * the lookups still running on it). Only the overlay is built, in slices that `pause` between.
   * The delta's list must be one of the index's lists, at a version before `delta.version` (a
   * delta may span several versions: it is what the new one differs by from the one indexed).
   */
  async next(delta: ReferenceListDelta, pause: () => Promise<void>): Promise<DeltaReferenceIndex> {
    const current = this.versions().find((version) => version.listId === delta.listId);
    if (current === undefined || current.version >= delta.version) {
      throw new Error(`delta ${delta.listId}@${delta.version} does not follow ${delta.listId}@${current?.version ?? 'none'}`);
    }
    const baseList = this.base.referenceLists().find((list) => list.listId === delta.listId);
    if (baseList === undefined) throw new Error(`list ${delta.listId} is not in the base index`);
    const hidden = this.hidden.slice();
    const replaced = new Set([...delta.removedEntryIds, ...delta.upserted.map((entry) => entry.entryId)]);
    for (const entryId of replaced) {
      const entry = this.base.entryNumber(delta.listId, entryId);
      if (entry >= 0) hidden[entry] = 1;
    }
    const overlayLists = this.overlayLists.filter((list) => list.listId !== delta.listId);
    const earlier = this.overlayLists.find((list) => list.listId === delta.listId)?.entries ?? [];
    const entries = [...earlier.filter((entry) => !replaced.has(entry.entryId)), ...delta.upserted].sort((a, b) => compare(a.entryId, b.entryId));
    overlayLists.push({ ...baseList, version: delta.version, entries });
    const overlay = await FuzzyReferenceIndex.build(overlayLists, this.options, pause);
    return new DeltaReferenceIndex(this.base, hidden, overlayLists, overlay, this.options);
  }

  versions(): ReferenceListVersion[] {
    return this.base.versions().map(({ listId, version }) => ({ listId, version: this.versionOf.get(listId) ?? version }));
  }

  /** Both layers' candidates in the order a single index gives them: best score, then list and entry id. */
  lookup(query: ReferenceQuery): ReferenceCandidate[] {
    const fromBase = this.base.lookupWithin(query, this.baseView);
    if (this.overlayLists.length === 0) return fromBase;
    const candidates = fromBase.map((candidate) => {
      // A base entry no delta touched is part of the list's current version too.
      const version = this.versionOf.get(candidate.listId);
      return version === undefined || version === candidate.listVersion ? candidate : { ...candidate, listVersion: version };
    });
    candidates.push(...this.overlay.lookupWithin(query, this.overlayView));
    return candidates.sort(
      (a, b) => Math.round(b.score * 1000) - Math.round(a.score * 1000) || compare(a.listId, b.listId) || compare(a.entryId, b.entryId),
    );
  }
}
