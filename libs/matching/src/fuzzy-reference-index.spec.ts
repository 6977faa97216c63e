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
    // A weak alias alone is a review-band look-alike (0.65), never a candidate; a country mismatch puts it below the floor.
    const weak = lookup('ASAE')[0];
    expect(weak).toMatchObject({ score: 0.65, features: { weakAlias: 0.65, country: 'unknown' } });
    expect(weak.features.name).toBeUndefined();
    expect(lookup('ASAE', { country: 'YY' })).toEqual([]);
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

describe('FuzzyReferenceIndex.build', () => {
  // A few thousand generated entries (deterministic), with a very common word, aliases, weak
  // aliases, identifiers and persons, so that every part of the index is built in steps.
  const SYLLABLES = ['bra', 'kel', 'mon', 'ti', 'zhou', 'var', 'sen', 'lo', 'dri', 'kha', 'pel', 'ung'];
  const SECTORS = ['Optics', 'Marine', 'Energy', 'Trading', 'Lasers'];
  const word = (n: number) => SYLLABLES[n % 12] + SYLLABLES[Math.floor(n / 12) % 12] + SYLLABLES[Math.floor(n / 144) % 12];
  const entries: ReferenceList['entries'] = Array.from({ length: 3000 }, (_, i) => ({
    entryId: `g${i}`,
    schema: i % 17 === 0 ? 'person' : 'organisation',
    name: `${i % 3 === 0 ? 'Beijing ' : ''}${word(i * 7)} ${SECTORS[i % 5]} Ltd`,
    ...(i % 4 === 0 ? { aliases: [`${SECTORS[i % 5]} ${word(i * 7)}`] } : {}),
    ...(i % 9 === 0 ? { weakAliases: [word(i).slice(0, 3).toUpperCase()] } : {}),
    ...(i % 11 === 0 ? { identifiers: { registration: `R-${i % 50}` } } : {}),
    country: i % 2 === 0 ? 'XA' : 'XB',
  }));
  const LISTS: ReferenceList[] = [
    { listId: 'g-sanctions', version: 1, kind: 'sanctions', entries: entries.slice(0, 2000) },
    { listId: 'g-research', version: 4, kind: 'research_security', entries: entries.slice(2000) },
  ];
  const queries = entries.slice(0, 60).flatMap((entry, i) => [
    { name: entry.name, subjectKind: 'organisation' as const },
    { name: `Beijing ${word(i * 7 + 1)} ${SECTORS[i % 5]}`, subjectKind: 'organisation' as const, country: 'XA' },
    { name: entry.name.toUpperCase().replace('LTD', 'LIMITED'), subjectKind: 'person' as const, identifiers: { registration: `r ${i % 50}` } },
  ]);
  const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('gives the same lookups as the constructor', async () => {
    for (const minScore of [0.5, 0.7]) {
      const built = await FuzzyReferenceIndex.build(LISTS, { minScore }, immediate);
      const constructed = new FuzzyReferenceIndex(LISTS, { minScore });
      expect(built.versions()).toEqual(constructed.versions());
      // As JSON text: the same candidates, order, scores and feature order.
      const differing = queries.filter((query) => JSON.stringify(built.lookup(query)) !== JSON.stringify(constructed.lookup(query)));
      expect(differing).toEqual([]);
      expect(queries.some((query) => constructed.lookup(query).length > 5)).toBe(true);
    }
  }, 30000);

  it('pauses whenever the slice has passed', async () => {
    let pauses = 0;
    const pause = () => {
      pauses++;
      return immediate();
    };
    const index = await FuzzyReferenceIndex.build(LISTS, {}, pause, 0);
    expect(pauses).toBeGreaterThan(1);
    expect(index.lookup({ name: entries[3].name, subjectKind: 'organisation' })[0]).toMatchObject({ entryId: 'g3', score: 1 });
  });

  it('lets other work run while it builds', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await FuzzyReferenceIndex.build(LISTS, {}, immediate, 1);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('FuzzyReferenceIndex: legal entities and countries of real lists', () => {
  // Shapes of the BIS Denied Persons List as OpenSanctions publishes it (LegalEntity, mostly persons)
  // and of an OFAC entry with addresses in several countries.
  const index = new FuzzyReferenceIndex([
    {
      listId: 'bis-dpl',
      version: 1,
      kind: 'export_control',
      entries: [
        { entryId: 'd1', schema: 'legalEntity', name: 'ISSAM ANWAR', countries: ['GB', 'LB', 'TR', 'SY'] },
        { entryId: 'd2', schema: 'legalEntity', name: 'Volkarin Optics Trading LLC', countries: ['AE'] },
      ],
    },
  ]);

  it('meets a legal entity with a person query and with an organisation query', () => {
    expect(index.lookup({ name: 'Issam Anwar', subjectKind: 'person' })[0]).toMatchObject({ entryId: 'd1', score: 1 });
    expect(index.lookup({ name: 'Volkarin Optics Trading', subjectKind: 'organisation' })[0]).toMatchObject({ entryId: 'd2' });
  });

  it('agrees on any of the entry\'s countries, and mismatches only when none agrees', () => {
    expect(index.lookup({ name: 'Issam Anwar', subjectKind: 'person', country: 'TR' })[0]).toMatchObject({ score: 1, features: { country: 'agree' } });
    expect(index.lookup({ name: 'Issam Anwar', subjectKind: 'person', country: 'FR' })[0]).toMatchObject({ score: 0.8, features: { country: 'mismatch' } });
  });
});
