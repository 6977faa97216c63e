import { InMemoryReferenceIndex, type ReferenceList } from './in-memory-reference-index';
import { normaliseName } from './normalise-name';

const LIST: ReferenceList = {
  listId: 'l1',
  version: 7,
  kind: 'research_security',
  entries: [
    { entryId: 'e1', schema: 'organisation', name: 'Académie des Sciences Appliquées Exemplaires', aliases: ['Exemplary Applied Academy'], weakAliases: ['ASAE'], country: 'XX', identifiers: { lei: '5299-00ABCDEF' }, topics: ['export.control'] },
    { entryId: 'e2', schema: 'organisation', name: '11420 CORP.' },
    { entryId: 'e3', schema: 'person', name: 'Jordan Sample' },
  ],
};
const SANCTIONS: ReferenceList = { listId: 'l0', version: 2, kind: 'sanctions', entries: [{ entryId: 's1', schema: 'person', name: 'Sample, Jordan' }] };

describe('normaliseName', () => {
  it('folds case, accents, punctuation, word order, abbreviations and legal forms', () => {
    expect(normaliseName('Sample Photonics Ltd.')).toBe(normaliseName('photonics,  SAMPLE limited'));
    expect(normaliseName('Académie Exemplaire')).toBe('academie exemplaire');
    expect(normaliseName('Westbrook Univ.')).toBe(normaliseName('University Westbrook'));
  });

  it('returns nothing for generic-word-only names', () => {
    expect(normaliseName('CORP')).toBeUndefined();
    expect(normaliseName('The National University of Science and Technology Ltd')).toBeUndefined();
  });
});

describe('InMemoryReferenceIndex', () => {
  const index = new InMemoryReferenceIndex([LIST, SANCTIONS]);

  it('matches by normalised name with a per-feature explanation and list version', () => {
    expect(index.lookup({ name: 'ACADEMIE DES SCIENCES APPLIQUEES EXEMPLAIRES', country: 'XX', subjectKind: 'organisation' })).toEqual([
      {
        listId: 'l1', listVersion: 7, listKind: 'research_security', entryId: 'e1',
        matchedName: 'Académie des Sciences Appliquées Exemplaires', score: 1,
        features: { name: 1, country: 'agree' }, topics: ['export.control'],
      },
    ]);
  });

  it('matches aliases, weak aliases and identifiers, and penalises a country mismatch', () => {
    expect(index.lookup({ name: 'Exemplary Applied Academy', subjectKind: 'organisation' })[0]).toMatchObject({ score: 0.95, features: { alias: 0.95 } });
    expect(index.lookup({ name: 'ASAE', country: 'YY', subjectKind: 'organisation' })[0]).toMatchObject({ score: 0.45, features: { weakAlias: 0.65, country: 'mismatch' } });
    expect(index.lookup({ name: 'Something else', identifiers: { lei: '529900abcdef' }, subjectKind: 'organisation' })[0]).toMatchObject({ score: 0.95, features: { identifier: 'lei' } });
  });

  it('never matches on generic words alone (watchman #483)', () => {
    expect(index.lookup({ name: 'BELLETECH CORP', subjectKind: 'organisation' })).toEqual([]);
    expect(index.lookup({ name: 'Corp', subjectKind: 'organisation' })).toEqual([]);
  });

  it('matches persons only against legal lists', () => {
    expect(index.lookup({ name: 'Jordan Sample', subjectKind: 'person' }).map((c) => c.listId)).toEqual(['l0']);
  });

  it('reports list versions sorted by list id', () => {
    expect(index.versions()).toEqual([{ listId: 'l0', version: 2 }, { listId: 'l1', version: 7 }]);
  });
});
