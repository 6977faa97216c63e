// A reference index that remembers its answers: an index is immutable (one set of list versions),
// so the same query always gets the same candidates. Re-screening many cases repeats names — the
// same universities, funders and partners recur across proposals — and each repeat then costs a
// map lookup instead of a search of the index.
import type { ReferenceCandidate, ReferenceIndex, ReferenceListVersion, ReferenceQuery } from '@ajar/appraisal';

/** Answers kept by default: a re-screen's distinct names, most with no candidate at all. */
export const DEFAULT_REMEMBERED_LOOKUPS = 200_000;

/**
 * Candidates kept by default, over all answers: a few answers of thousands of candidates (a name
 * sharing only a very common word with many entries) must not fill the worker's memory.
 */
export const DEFAULT_REMEMBERED_CANDIDATES = 500_000;

/** Every field of a query that can change its answer, in a fixed order. */
function queryKey(query: ReferenceQuery): string {
  const identifiers = query.identifiers;
  return JSON.stringify([
    query.subjectKind,
    query.name,
    query.aliases ?? null,
    query.country ?? null,
    identifiers?.lei ?? null,
    identifiers?.registration ?? null,
    identifiers?.ror ?? null,
  ]);
}

/**
 * Keeps up to `capacity` answers (and `candidateCapacity` candidates among them) in two generations: new answers go to the recent one; when it is
 * full it becomes the older one and the previous older one is dropped. An answer found in the older
 * generation moves to the recent one, so names in use stay. Constant time per lookup (evicting one
 * entry at a time from a Map's head degrades as deleted slots pile up there).
 */
export class RememberingReferenceIndex implements ReferenceIndex {
  private recent = new Map<string, readonly ReferenceCandidate[]>();
  private older = new Map<string, readonly ReferenceCandidate[]>();
  private recentCandidates = 0;
  private readonly generation: number;
  private readonly generationCandidates: number;

  constructor(
    private readonly inner: ReferenceIndex,
    capacity = DEFAULT_REMEMBERED_LOOKUPS,
    candidateCapacity = DEFAULT_REMEMBERED_CANDIDATES,
  ) {
    this.generation = Math.max(1, Math.floor(capacity / 2));
    this.generationCandidates = Math.max(1, Math.floor(candidateCapacity / 2));
  }

  versions(): ReferenceListVersion[] {
    return this.inner.versions();
  }

  /** The inner index's candidates; a fresh array each time, so a caller may sort or extend it. */
  lookup(query: ReferenceQuery): ReferenceCandidate[] {
    const key = queryKey(query);
    let answer = this.recent.get(key);
    if (answer === undefined) {
      answer = this.older.get(key) ?? this.inner.lookup(query);
      if (this.recent.size >= this.generation || this.recentCandidates + answer.length > this.generationCandidates) {
        this.older = this.recent;
        this.recent = new Map();
        this.recentCandidates = 0;
      }
      // An answer larger than a whole generation is not kept at all.
      if (answer.length <= this.generationCandidates) {
        this.recent.set(key, answer);
        this.recentCandidates += answer.length;
      }
    }
    return [...answer];
  }
}
