import type { ReferenceCandidate, ReferenceIndex, ReferenceList, ReferenceQuery } from '@ajar/appraisal';
import { FuzzyReferenceIndex } from './fuzzy-reference-index';
import { RememberingReferenceIndex } from './remembering-reference-index';

const list: ReferenceList = {
  listId: 'watch',
  version: 3,
  kind: 'sanctions',
  entries: [
    { entryId: 'e1', schema: 'organisation', name: 'Volkov Aerospace Institute', country: 'ru', identifiers: { lei: '5493001KJTIIGC8Y1R12' } },
    { entryId: 'e2', schema: 'organisation', name: 'Harbin Marine Systems', aliases: ['HMS Group'] },
    { entryId: 'p1', schema: 'person', name: 'Ivan Petrov' },
  ],
};

/** Counts the lookups that reach the index underneath. */
class CountingIndex implements ReferenceIndex {
  calls = 0;
  constructor(private readonly inner: ReferenceIndex) {}
  versions() {
    return this.inner.versions();
  }
  lookup(query: ReferenceQuery): ReferenceCandidate[] {
    this.calls += 1;
    return this.inner.lookup(query);
  }
}

describe('RememberingReferenceIndex', () => {
  const queries: ReferenceQuery[] = [
    { name: 'Volkov Aerospace Inst.', subjectKind: 'organisation' },
    { name: 'Volkov Aerospace Inst.', subjectKind: 'organisation', country: 'de' },
    { name: 'Volkov Aerospace Inst.', subjectKind: 'organisation', country: 'ru' },
    { name: 'Unrelated Holdings', subjectKind: 'organisation', identifiers: { lei: '5493001KJTIIGC8Y1R12' } },
    { name: 'Unrelated Holdings', subjectKind: 'organisation', identifiers: { registration: '5493001KJTIIGC8Y1R12' } },
    { name: 'Marine Co', subjectKind: 'organisation', aliases: ['HMS Group'] },
    { name: 'Marine Co', subjectKind: 'organisation' },
    { name: 'Ivan Petrov', subjectKind: 'person' },
    { name: 'Ivan Petrov', subjectKind: 'organisation' },
  ];

  it('answers every query exactly as the index underneath, including queries that differ in one field only', () => {
    const fuzzy = new FuzzyReferenceIndex([list]);
    const remembering = new RememberingReferenceIndex(fuzzy);
    for (let round = 0; round < 2; round++) {
      for (const query of queries) expect(remembering.lookup(query)).toEqual(fuzzy.lookup(query));
    }
    expect(remembering.versions()).toEqual([{ listId: 'watch', version: 3 }]);
  });

  it('asks the index underneath once per distinct query', () => {
    const counting = new CountingIndex(new FuzzyReferenceIndex([list]));
    const remembering = new RememberingReferenceIndex(counting);
    for (let round = 0; round < 3; round++) for (const query of queries) remembering.lookup(query);
    expect(counting.calls).toBe(queries.length);
  });

  it('hands out a fresh array, so a caller that changes it changes nothing remembered', () => {
    const remembering = new RememberingReferenceIndex(new FuzzyReferenceIndex([list]));
    const first = remembering.lookup(queries[0]);
    expect(first.length).toBeGreaterThan(0);
    first.length = 0;
    expect(remembering.lookup(queries[0]).length).toBeGreaterThan(0);
  });

  it('keeps at most its capacity in two generations, and keeps the names in use', () => {
    const counting = new CountingIndex(new FuzzyReferenceIndex([list]));
    const remembering = new RememberingReferenceIndex(counting, 4); // generations of 2
    remembering.lookup(queries[0]);
    remembering.lookup(queries[1]); // recent: 0, 1
    remembering.lookup(queries[2]); // older: 0, 1; recent: 2
    remembering.lookup(queries[0]); // from the older generation, moved to recent: 2, 0
    expect(counting.calls).toBe(3);
    remembering.lookup(queries[3]); // older: 2, 0; recent: 3 (1 is forgotten)
    remembering.lookup(queries[0]);
    remembering.lookup(queries[2]);
    expect(counting.calls).toBe(4);
    remembering.lookup(queries[1]);
    expect(counting.calls).toBe(5);
  });

  it('bounds the candidates it keeps, and never keeps an answer larger than a generation', () => {
    // An index whose answer to a name of n letters has n candidates.
    const candidate = (entryId: string): ReferenceCandidate => ({
      listId: 'watch',
      listVersion: 3,
      listKind: 'sanctions',
      entryId,
      matchedName: entryId,
      score: 0.9,
      features: { name: 0.9 },
      topics: [],
    });
    const sized: ReferenceIndex = { versions: () => [], lookup: (query) => [...query.name].map((_, i) => candidate(`e${i}`)) };
    const counting = new CountingIndex(sized);
    const remembering = new RememberingReferenceIndex(counting, 100, 6); // generations of 3 candidates
    const ask = (name: string) => remembering.lookup({ name, subjectKind: 'organisation' }).length;

    expect(ask('abcd')).toBe(4); // larger than a generation: never kept
    expect(ask('abcd')).toBe(4);
    expect(counting.calls).toBe(2);
    expect(ask('ab')).toBe(2);
    expect(ask('ab')).toBe(2); // kept
    expect(counting.calls).toBe(3);
    expect(ask('xy')).toBe(2); // 2 + 2 > 3: a new generation; 'ab' is now in the older one
    expect(ask('ab')).toBe(2);
    expect(counting.calls).toBe(4);
  });
});
