import type { ReferenceList } from '@ajar/appraisal';
import { FuzzyReferenceIndex, matchNames } from './index';

// Names of very common tokens take the index's shortcuts: patterns (templates of a name's common
// tokens, in order), alignments remembered per pattern during a lookup, and candidates sorted by
// entry rank. Each must give what scoring the names one by one gives.
const SYLLABLES = ['bra', 'kel', 'mon', 'ti', 'zhou', 'var', 'sen', 'lo', 'dri', 'kha', 'pel', 'ung'];
const word = (n: number) => SYLLABLES[n % 12] + SYLLABLES[Math.floor(n / 12) % 12] + SYLLABLES[Math.floor(n / 144) % 12];
// The same common tokens in several orders, so that names of one set of tokens differ in order.
const SHAPES = [
  (w: string) => `Beijing ${w} Technology Co`,
  (w: string) => `${w} Beijing Technology`,
  (w: string) => `Shanghai Beijing ${w}`,
  (w: string) => `Beijing Shanghai ${w} Institute`,
  (w: string) => `Technology Beijing ${w}`,
];
// Entry ids out of order, so that the order of candidates tied on score is the ids' order.
const entries: ReferenceList['entries'] = Array.from({ length: 700 }, (_, i) => ({
  entryId: `c${(i * 7919) % 700}`,
  schema: 'organisation',
  name: SHAPES[i % SHAPES.length](word(i * 5)),
}));
const LISTS: ReferenceList[] = [
  { listId: 'b-list', version: 1, kind: 'watchlist', entries: entries.slice(0, 400) },
  { listId: 'a-list', version: 3, kind: 'research_security', entries: entries.slice(400) },
];
const QUERIES = [
  'Beijing Shanghai',
  'Shanghai Beijing Technology',
  'Beijing Technology',
  'Technology Beijing Shanghai Institute',
  `Beijing ${word(35)} Technology`,
  `Beijing ${word(36).slice(0, -1)}x Technology Co`,
];

describe('FuzzyReferenceIndex: names of very common tokens', () => {
  // Frequency weights off: the shortcuts must give exactly what scoring the names one by one gives.
  const index = new FuzzyReferenceIndex(LISTS, { frequencyWeights: false });

  it.each(QUERIES)('scores every name of "%s" as the names compared one by one', (query) => {
    const expected = LISTS.flatMap((list) =>
      list.entries.flatMap((entry) => {
        const { score, features } = matchNames(query, entry.name);
        return score >= 0.5 ? [{ listId: list.listId, entryId: entry.entryId, score, sharedTokens: features.sharedTokens }] : [];
      }),
    );
    const key = (c: { listId: string; entryId: string }) => `${c.listId}/${c.entryId}`;
    const byKey = <T extends { listId: string; entryId: string }>(a: T, b: T) => (key(a) < key(b) ? -1 : 1);
    const found = index
      .lookup({ name: query, subjectKind: 'organisation' })
      .map((c) => ({ listId: c.listId, entryId: c.entryId, score: c.score, sharedTokens: c.features.sharedTokens }));
    expect(found.sort(byKey)).toEqual(expected.sort(byKey));
    expect(found.length).toBeGreaterThan(0);
  });

  it('orders candidates by score, then list id, then entry id', () => {
    const found = index.lookup({ name: 'Beijing Shanghai', subjectKind: 'organisation' });
    expect(new Set(found.map((c) => c.score)).size).toBeGreaterThan(1);
    const expected = [...found].sort((a, b) => b.score - a.score || (a.listId < b.listId ? -1 : a.listId > b.listId ? 1 : a.entryId < b.entryId ? -1 : 1));
    expect(found.map((c) => `${c.listId}/${c.entryId}`)).toEqual(expected.map((c) => `${c.listId}/${c.entryId}`));
    // Tied candidates from both lists, with ids in neither input nor numeric order.
    const tied = found.filter((c) => c.score === found[found.length - 1].score);
    expect(new Set(tied.map((c) => c.listId))).toEqual(new Set(['a-list', 'b-list']));
  });
});

describe('FuzzyReferenceIndex: countries', () => {
  const index = new FuzzyReferenceIndex([
    {
      listId: 'c',
      version: 1,
      kind: 'watchlist',
      entries: [
        { entryId: 'x1', schema: 'organisation', name: 'Kelmonvar Optics', country: ' xa ' },
        { entryId: 'x2', schema: 'organisation', name: 'Kelmonvar Optics Ltd', country: '  ' },
      ],
    },
  ]);
  const countryOf = (country: string | undefined, entryId: string) =>
    index.lookup({ name: 'Kelmonvar Optics', subjectKind: 'organisation', ...(country === undefined ? {} : { country }) }).find((c) => c.entryId === entryId)?.features.country;

  it('compares countries trimmed and in any case, as the names compared one by one do', () => {
    expect(countryOf('XA', 'x1')).toBe('agree');
    expect(countryOf('xb', 'x1')).toBe('mismatch');
    expect(countryOf('ZZ', 'x1')).toBe(matchNames('Kelmonvar Optics', 'Kelmonvar Optics', 'ZZ', ' xa ').features.country);
    expect(countryOf(' ', 'x1')).toBe('unknown');
    expect(countryOf(undefined, 'x1')).toBe('unknown');
    expect(countryOf('XA', 'x2')).toBe('unknown');
  });
});
