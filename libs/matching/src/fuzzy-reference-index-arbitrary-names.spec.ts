import fc from 'fast-check';
import { InMemoryReferenceIndex, type ReferenceList, type ReferenceListEntry } from '@ajar/appraisal';
import { FuzzyReferenceIndex, indexingProblem, matchNames } from './index';

// Names that have broken matchers built on plain objects, or that stress scripts and sizes.
const NASTY_NAMES = [
  'constructor', 'Constructor University', 'GRUPO CONSTRUCTOR SEGUNDO MILENIO, S.A. DE C.V.', '__proto__',
  'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'prototype', '', ' ', '\t\n', '.', '&', 'Co.,',
  'x'.repeat(10_000), 'Ab '.repeat(3_000), '\u200f\u200e\u200b\u2066', 'مؤسسة \u200fالتجارة\u200f', 'شركة constructor',
  '🚀🔬 Labs', '👨‍👩‍👧', '华鑫科技有限公司', 'Волков constructor', '\u0301\u0301', 'ǅ ß ﬃ', '\ud800', 'Sp. z o.o.',
];

const nameArbitrary = fc.oneof(
  fc.constantFrom(...NASTY_NAMES),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...NASTY_NAMES, 'university', 'of', 'al', 'ooo', 'ltd'), { maxLength: 6 }).map((words) => words.join(' ')),
);

const schemaArbitrary = fc.constantFrom<ReferenceListEntry['schema']>('organisation', 'person', 'legalEntity');

function listOf(names: readonly { name: string; aliases: string[]; schema: ReferenceListEntry['schema']; topic: string }[]): ReferenceList {
  return {
    listId: 'arbitrary',
    version: 1,
    kind: 'sanctions',
    entries: names.map((item, number) => ({
      entryId: `e${number}`,
      schema: item.schema,
      name: item.name,
      aliases: item.aliases,
      formerNames: item.aliases.slice(0, 1),
      weakAliases: item.aliases.slice(1, 2),
      countries: ['CN', 'constructor'],
      topics: [item.topic],
    })),
  };
}

describe('screening with arbitrary names (nothing in a list or a query throws)', () => {
  it('builds an index of arbitrary Unicode names and answers arbitrary queries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: nameArbitrary, aliases: fc.array(nameArbitrary, { maxLength: 3 }), schema: schemaArbitrary, topic: fc.constantFrom('sanction', 'constructor', '__proto__') }), { minLength: 1, maxLength: 25 }),
        fc.array(nameArbitrary, { minLength: 1, maxLength: 5 }),
        (entries, queries) => {
          const list = listOf(entries);
          for (const entry of list.entries) expect(indexingProblem(entry)).toBeUndefined();
          const fuzzy = new FuzzyReferenceIndex([list]);
          const simple = new InMemoryReferenceIndex([list]);
          for (const name of [...queries, ...entries.map((entry) => entry.name)]) {
            for (const subjectKind of ['organisation', 'person'] as const) {
              for (const country of [undefined, 'constructor', 'CN']) {
                const query = { name, aliases: queries, subjectKind, ...(country !== undefined ? { country } : {}) };
                for (const candidate of fuzzy.lookup(query)) expect(candidate.score).toBeGreaterThanOrEqual(0);
                simple.lookup(query);
              }
            }
            matchNames(name, queries[0]);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('finds "Constructor University" and the listed "GRUPO CONSTRUCTOR" entry without throwing', () => {
    const list = listOf([
      { name: 'GRUPO CONSTRUCTOR SEGUNDO MILENIO, S.A. DE C.V.', aliases: [], schema: 'organisation', topic: 'sanction' },
      { name: '__proto__ toString', aliases: ['constructor'], schema: 'organisation', topic: 'constructor' },
    ]);
    const index = new FuzzyReferenceIndex([list]);
    expect(index.lookup({ name: 'Grupo Constructor Segundo Milenio SA de CV', subjectKind: 'organisation' })[0]).toMatchObject({ entryId: 'e0' });
    expect(() => index.lookup({ name: 'Constructor University', country: 'DE', subjectKind: 'organisation' })).not.toThrow();
  });
});
