import fc from 'fast-check';
import type { ReferenceList, ReferenceListEntry, ReferenceQuery } from '@ajar/appraisal';
import { DeltaReferenceIndex, FuzzyReferenceIndex, type ReferenceListDelta } from './index';

const noPause = (): Promise<void> => Promise.resolve();

// A small vocabulary, so that tokens reach the counts where frequency weights and the typo rule
// change (8 names), and typos of one another ("volkov", "volkow", "wolkov").
const WORDS = ['volkov', 'volkow', 'wolkov', 'zhaxin', 'zhaxen', 'karolvin', 'tesmar', 'optics', 'photonics', 'university', 'institute', 'al', 'tijara', 'ltd', 'ooo', 'marine', 'haddad', 'hadad', 'ivanov', 'petrov'];
const nameArbitrary = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
const entryArbitrary = fc.record({
  name: nameArbitrary,
  aliases: fc.array(nameArbitrary, { maxLength: 2 }),
  weakAliases: fc.array(fc.constantFrom('VKO', 'ZX', 'KTO'), { maxLength: 1 }),
  schema: fc.constantFrom<ReferenceListEntry['schema']>('organisation', 'organisation', 'person', 'legalEntity'),
  country: fc.constantFrom('CN', 'RU', 'IR'),
  lei: fc.option(fc.constantFrom('529900T8BM49AURSDO55', '5493001KJTIIGC8Y1R12'), { nil: undefined }),
});
type GeneratedEntry = typeof entryArbitrary extends fc.Arbitrary<infer T> ? T : never;

function entryOf(id: string, item: GeneratedEntry): ReferenceListEntry {
  return {
    entryId: id,
    schema: item.schema,
    name: item.name,
    aliases: item.aliases,
    weakAliases: item.weakAliases,
    countries: [item.country],
    topics: ['sanction'],
    ...(item.lei !== undefined ? { identifiers: { lei: item.lei } } : {}),
  };
}

function list(listId: string, version: number, entries: readonly ReferenceListEntry[]): ReferenceList {
  return { listId, version, kind: listId === 'watch' ? 'watchlist' : 'sanctions', entries: [...entries].sort((a, b) => (a.entryId < b.entryId ? -1 : 1)) };
}

/** The next version of `entries`: some removed, some changed, some added. */
function nextVersion(entries: readonly ReferenceListEntry[], removed: readonly number[], changed: readonly [number, GeneratedEntry][], added: readonly GeneratedEntry[], version: number) {
  const dropped = new Set(removed.filter((at) => at < entries.length).map((at) => entries[at].entryId));
  const rewritten = new Map(changed.filter(([at]) => at < entries.length && !dropped.has(entries[at].entryId)).map(([at, item]) => [entries[at].entryId, item]));
  const upserted: ReferenceListEntry[] = [];
  const next: ReferenceListEntry[] = [];
  for (const entry of entries) {
    if (dropped.has(entry.entryId)) continue;
    const item = rewritten.get(entry.entryId);
    const now = item === undefined ? entry : entryOf(entry.entryId, item);
    if (item !== undefined) upserted.push(now);
    next.push(now);
  }
  added.forEach((item, at) => {
    const entry = entryOf(`v${version}-${at}`, item);
    upserted.push(entry);
    next.push(entry);
  });
  return { next, upserted, removedEntryIds: [...dropped] };
}

function queriesOf(names: readonly string[]): ReferenceQuery[] {
  return names.flatMap((name) => [
    { name, subjectKind: 'organisation' as const, country: 'CN' },
    { name, subjectKind: 'person' as const },
    { name: 'unrelated', subjectKind: 'organisation' as const, identifiers: { lei: '529900T8BM49AURSDO55' } },
  ]);
}

describe('a list version applied as a delta', () => {
  it('answers every query as a fresh build of the new versions does, after several deltas', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entryArbitrary, { minLength: 1, maxLength: 40 }),
        fc.array(entryArbitrary, { maxLength: 5 }),
        fc.array(
          fc.record({
            removed: fc.array(fc.nat(45), { maxLength: 4 }),
            changed: fc.array(fc.tuple(fc.nat(45), entryArbitrary), { maxLength: 3 }),
            added: fc.array(entryArbitrary, { maxLength: 12 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.array(nameArbitrary, { minLength: 1, maxLength: 4 }),
        async (firstEntries, otherEntries, versions, queryNames) => {
          let entries = firstEntries.map((item, at) => entryOf(`e${String(at).padStart(3, '0')}`, item));
          const other = list('watch', 3, otherEntries.map((item, at) => entryOf(`o${at}`, item)));
          let index = DeltaReferenceIndex.of(new FuzzyReferenceIndex([list('sanctions', 1, entries), other]));
          let version = 1;
          for (const change of versions) {
            version++;
            const { next, upserted, removedEntryIds } = nextVersion(entries, change.removed, change.changed, change.added, version);
            const delta: ReferenceListDelta = { listId: 'sanctions', version, upserted, removedEntryIds };
            index = await index.next(delta, noPause);
            entries = next;
          }
          const fresh = new FuzzyReferenceIndex([list('sanctions', version, entries), other]);
          expect(index.versions()).toEqual(fresh.versions());
          for (const query of queriesOf([...queryNames, ...entries.slice(0, 3).map((entry) => entry.name)])) {
            expect(index.lookup(query)).toEqual(fresh.lookup(query));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('finds an added entry and no longer finds a removed one', async () => {
    const v1 = list('sanctions', 1, [
      { entryId: 'a', schema: 'organisation', name: 'Volkov Optics Ltd' },
      { entryId: 'b', schema: 'organisation', name: 'Karolvin Tesmar Photonics' },
    ]);
    const index = await DeltaReferenceIndex.of(new FuzzyReferenceIndex([v1])).next(
      { listId: 'sanctions', version: 2, upserted: [{ entryId: 'c', schema: 'organisation', name: 'Zhaxin Marine OOO' }], removedEntryIds: ['a'] },
      noPause,
    );
    expect(index.lookup({ name: 'Volkov Optics', subjectKind: 'organisation' })).toEqual([]);
    expect(index.lookup({ name: 'Zhaxin Marine', subjectKind: 'organisation' }).map((candidate) => [candidate.entryId, candidate.listVersion])).toEqual([['c', 2]]);
    expect(index.lookup({ name: 'Karolvin Tesmar Photonics', subjectKind: 'organisation' }).map((candidate) => [candidate.entryId, candidate.listVersion])).toEqual([['b', 2]]);
    expect(index.versions()).toEqual([{ listId: 'sanctions', version: 2 }]);
    expect([index.overlayEntries, index.hiddenEntries]).toEqual([1, 1]);
  });

  it('stops expanding a token to its typos once the delta puts it in 8 entries, as a fresh build does', async () => {
    const entry = (entryId: string, name: string): ReferenceListEntry => ({ entryId, schema: 'organisation', name });
    const first = ['Volkov', 'Zhaxin', 'Karolvin', 'Haddad', 'Ivanov', 'Petrov'].map((word, at) => entry(`a${at}`, `Tesmarov ${word}`));
    first.push(entry('z', 'Tesmarob Optics'));
    const added = [entry('b1', 'Tesmarov Lumkel'), entry('b2', 'Tesmarov Dorsul')];
    const query = { name: 'Tesmarov Optics', subjectKind: 'organisation' as const };
    const base = new FuzzyReferenceIndex([list('sanctions', 1, first)]);
    expect(base.lookup(query).map((candidate) => candidate.entryId)).toContain('z');
    const index = await DeltaReferenceIndex.of(base).next({ listId: 'sanctions', version: 2, upserted: added, removedEntryIds: [] }, noPause);
    const fresh = new FuzzyReferenceIndex([list('sanctions', 2, [...first, ...added])]);
    expect(index.lookup(query)).toEqual(fresh.lookup(query));
    expect(index.lookup(query).map((candidate) => candidate.entryId)).not.toContain('z');
  });

  it('leaves the index it was applied to answering for the version before', async () => {
    const v1 = list('sanctions', 1, [{ entryId: 'a', schema: 'organisation', name: 'Volkov Optics Ltd' }]);
    const before = DeltaReferenceIndex.of(new FuzzyReferenceIndex([v1]));
    await before.next({ listId: 'sanctions', version: 2, upserted: [], removedEntryIds: ['a'] }, noPause);
    expect(before.lookup({ name: 'Volkov Optics', subjectKind: 'organisation' }).map((candidate) => candidate.entryId)).toEqual(['a']);
  });

  it('refuses a delta that does not follow the version it has', async () => {
    const index = DeltaReferenceIndex.of(new FuzzyReferenceIndex([list('sanctions', 2, [])]));
    await expect(index.next({ listId: 'sanctions', version: 2, upserted: [], removedEntryIds: [] }, noPause)).rejects.toThrow('does not follow');
    await expect(index.next({ listId: 'other', version: 3, upserted: [], removedEntryIds: [] }, noPause)).rejects.toThrow('does not follow');
  });
});
