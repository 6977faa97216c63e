import type { ReferenceList } from '@ajar/appraisal';
import { FuzzyReferenceIndex } from './index';

const LIST: ReferenceList = {
  listId: 'l1',
  version: 7,
  kind: 'research_security',
  entries: [
    { entryId: 'e1', schema: 'organisation', name: 'Académie des Sciences Appliquées Exemplaires', aliases: ['Exemplary Applied Academy'], weakAliases: ['ASAE'], country: 'XX', identifiers: { lei: '5299-00ABCDEF' }, topics: ['export.control'] },
    { entryId: 'e2', schema: 'organisation', name: '11420 CORP.' },
    { entryId: 'e3', schema: 'person', name: 'Jordan Sample' },
    { entryId: 'e4', schema: 'organisation', name: 'OOO Volkov Optika', country: 'XR', topics: ['mil'] },
    { entryId: 'e5', schema: 'organisation', name: 'Westbrook Polytechnic University', country: 'XX' },
  ],
};
const SANCTIONS: ReferenceList = {
  listId: 'l0',
  version: 2,
  kind: 'sanctions',
  entries: [
    { entryId: 's1', schema: 'person', name: 'Sample, Jordan' },
    { entryId: 's2', schema: 'organisation', name: 'Huaxin Technology Co., Ltd.', identifiers: { registration: 'HX-1' } },
  ],
};

describe('FuzzyReferenceIndex', () => {
  const index = new FuzzyReferenceIndex([LIST, SANCTIONS]);
  const lookup = (name: string, extra: { country?: string } = {}) => index.lookup({ name, subjectKind: 'organisation', ...extra });

  it('returns the engine candidate shape with a per-feature explanation', () => {
    expect(lookup('ACADEMIE DES SCIENCES APPLIQUEES EXEMPLAIRES', { country: 'XX' })).toEqual([
      {
        listId: 'l1', listVersion: 7, listKind: 'research_security', entryId: 'e1',
        matchedName: 'Académie des Sciences Appliquées Exemplaires', score: 1,
        features: { name: 1, sharedTokens: 'appliquees exemplaires', country: 'agree' }, topics: ['export.control'],
      },
    ]);
  });

  it('matches across scripts, legal forms and word order', () => {
    expect(lookup('ООО «Волков Оптика»')[0]).toMatchObject({ entryId: 'e4', score: 1 });
    expect(lookup('Optika Volkov LLC')[0]).toMatchObject({ entryId: 'e4', score: 1 });
    expect(lookup('华鑫科技有限公司')[0]).toMatchObject({ entryId: 's2', score: 1 });
  });

  it('finds names with a typo in the distinctive token', () => {
    expect(lookup('Westbrok Polytechnic Univ.')[0]).toMatchObject({ entryId: 'e5' });
    expect(lookup('Westbrok Polytechnic Univ.')[0].score).toBeGreaterThanOrEqual(0.7);
  });

  it('matches aliases, weak aliases, acronyms and identifiers, and penalises a country mismatch', () => {
    expect(lookup('Exemplary Applied Academy')[0]).toMatchObject({ score: 0.95, features: { alias: 0.95 } });
    const weak = lookup('ASAE', { country: 'YY' })[0];
    expect(weak).toMatchObject({ score: 0.6, features: { weakAlias: 0.8, country: 'mismatch' } });
    expect(weak.features.name).toBeUndefined();
    const acronym = lookup('WPU')[0];
    expect(acronym).toMatchObject({ entryId: 'e5', score: 0.6, features: { weakAlias: 0.6 } });
    expect(acronym.features.name).toBeUndefined();
    expect(index.lookup({ name: 'Something else', identifiers: { lei: '529900abcdef' }, subjectKind: 'organisation' })[0]).toMatchObject({ score: 0.95, features: { identifier: 'lei' } });
  });

  it('treats identifiers as strong exact features that survive a country mismatch', () => {
    const [candidate] = index.lookup({ name: 'Unrelated Name', country: 'ZZ', identifiers: { registration: 'hx 1' }, subjectKind: 'organisation' });
    expect(candidate).toMatchObject({ entryId: 's2', score: 0.85, features: { identifier: 'registration', country: 'unknown' } });
  });

  it('never matches on generic words alone (watchman #483)', () => {
    expect(lookup('BELLETECH CORP')).toEqual([]);
    expect(lookup('Corp')).toEqual([]);
    expect(lookup('Polytechnic University')).toEqual([]);
  });

  it('matches persons only against legal lists', () => {
    expect(index.lookup({ name: 'Jordan Sample', subjectKind: 'person' }).map((c) => c.listId)).toEqual(['l0']);
    expect(index.lookup({ name: 'Jordan Sample', subjectKind: 'organisation' })).toEqual([]);
  });

  it('reports list versions sorted by list id and is deterministic', () => {
    expect(index.versions()).toEqual([{ listId: 'l0', version: 2 }, { listId: 'l1', version: 7 }]);
    expect(lookup('Volkov Optika')).toEqual(lookup('Volkov Optika'));
  });
});
