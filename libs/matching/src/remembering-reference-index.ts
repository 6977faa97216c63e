// A reference index that remembers its answers: an index is immutable (one set of list versions),
// so the same query always gets the same candidates. Re-screening many cases repeats names — the
// same universities, funders and partners recur across proposals — and each repeat then costs a
// map lookup instead of a search of the index.
import type { ReferenceCandidate, ReferenceIndex, ReferenceListVersion, ReferenceQuery } from '@ajar/appraisal';

/** Answers kept by default: tens of thousands of distinct names, most with no candidate at all. */
export const DEFAULT_REMEMBERED_LOOKUPS = 50_000;

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

export class RememberingReferenceIndex implements ReferenceIndex {
  private readonly answers = new Map<string, readonly ReferenceCandidate[]>();

  constructor(
    private readonly inner: ReferenceIndex,
    private readonly capacity = DEFAULT_REMEMBERED_LOOKUPS,
  ) {}

  versions(): ReferenceListVersion[] {
    return this.inner.versions();
  }

  /** The inner index's candidates; a fresh array each time, so a caller may sort or extend it. */
  lookup(query: ReferenceQuery): ReferenceCandidate[] {
    const key = queryKey(query);
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = this.inner.lookup(query);
      // The oldest answer makes room (a Map iterates in insertion order).
      if (this.answers.size >= this.capacity) this.answers.delete(this.answers.keys().next().value as string);
      this.answers.set(key, answer);
    }
    return [...answer];
  }
}
