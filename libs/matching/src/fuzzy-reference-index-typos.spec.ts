import type { ReferenceList } from '@ajar/appraisal';
import { FuzzyReferenceIndex, matchNames } from './index';

// One-letter typos are collected by deletions of the phonetic key and of the text: a typo in the
// text can be two edits apart in the key ("x" → "ks", "ts" → "c"), and a token the lists know
// from a few entries may still be another entry's name misspelt.
const LIST: ReferenceList = {
  listId: 'typos',
  version: 1,
  kind: 'sanctions',
  entries: [
    { entryId: 't1', schema: 'organisation', name: 'Gatshik LLP' },
    { entryId: 't2', schema: 'organisation', name: 'Mianpaden Holding Inc.' },
    { entryId: 't3', schema: 'organisation', name: 'Yulkrextra Technology OOO' },
    { entryId: 't4', schema: 'organisation', name: 'Vianhoux S.r.l.' },
    { entryId: 't5', schema: 'organisation', name: 'Vinhoux Optics Holding Group Research' },
    { entryId: 't6', schema: 'organisation', name: 'Khiri Radar S.r.l.' },
  ],
};

describe('FuzzyReferenceIndex: one-letter typos', () => {
  const index = new FuzzyReferenceIndex([LIST]);
  const found = (name: string) => index.lookup({ name, subjectKind: 'organisation' }).map((c) => `${c.entryId} ${c.score}`);

  it.each([
    ['Gatshxk LLP', 't1'],
    ['Mixanpaden Holding Inc.', 't2'],
    ['Yulkrextza Technology OOO', 't3'],
    ['Khigi Radar S.r.l.', 't6'],
  ])('finds "%s" although its key is two edits from the entry\'s', (query, entryId) => {
    const entry = LIST.entries.find((e) => e.entryId === entryId);
    const { score } = matchNames(query, entry?.name ?? '');
    expect(score).toBeGreaterThanOrEqual(0.7);
    expect(found(query)).toContain(`${entryId} ${score}`);
  });

  it('finds the misspelt name of a token the lists know from another entry', () => {
    // "Vinhoux" is t5's token, and a typo of t4's "Vianhoux".
    expect(found('Vinhoux S.r.l.')).toContain(`t4 ${matchNames('Vinhoux S.r.l.', 'Vianhoux S.r.l.').score}`);
  });
});
