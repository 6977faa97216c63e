/* eslint-disable */
// The synthetic data of the matching benchmark (deterministic, seeded): organisation names and the
// 2,000 queries (exact, one typo, word order, legal-suffix variant, unrelated). Shared by run.js
// and compare.js, so both see the same names.
'use strict';

const { mulberry32 } = require('../harness');

/**
 * Entries (with `_words`/`_legal` kept for the queries) and queries ({ kind, name, target }).
 * One PRNG stream in a fixed order: coinages, place names, entries, queries.
 */
function syntheticBench({ entities, queryCount, seed, warmUpCount = 0 }) {
  const rand = mulberry32(seed);
  const int = (n) => Math.floor(rand() * n);
  const pick = (array) => array[int(array.length)];
  /** Zipf-like pick: low indexes much more often (exponent ~1). */
  const zipf = (array) => array[Math.min(array.length - 1, Math.floor(Math.exp(rand() * Math.log(array.length + 1))) - 1)];
  const cap = (word) => word[0].toUpperCase() + word.slice(1);

  const ONSETS = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'j', 'k', 'kr', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'sh', 'st', 't', 'tr', 'v', 'z', 'zh', 'kh', 'ts', 'w', 'y', 'x', 'q'];
  const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ia', 'ei', 'ou', 'ai'];
  const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'm', 'k', 'ng', 'x', 't'];
  function word(syllables) {
    let out = '';
    for (let i = 0; i < syllables; i++) out += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    return out;
  }

  // Distinctive coinages: most shared by very few entries (about entities/2 of them, uniform).
  const COINED = new Set();
  while (COINED.size < Math.max(1000, Math.floor(entities * 0.6))) COINED.add(word(2 + int(2)));
  const coined = [...COINED];
  // Place and family names: a few hundred, Zipf-distributed — the "very common words".
  const PLACES = ['beijing', 'shanghai', 'moscow', 'tehran', 'harbin', 'wuhan', 'nanjing', 'xian', 'chengdu', 'tianjin', 'novosibirsk', 'kazan', 'minsk', 'pyongyang', 'karachi', 'lahore', 'istanbul', 'ankara', 'dubai', 'sharjah', 'shenzhen', 'guangzhou', 'hangzhou', 'dalian', 'qingdao', 'changsha', 'hefei', 'jinan', 'zhengzhou', 'kunming', 'samara', 'tomsk', 'omsk', 'perm', 'ufa', 'volgograd', 'rostov', 'saratov', 'isfahan', 'shiraz', 'tabriz', 'mashhad', 'damascus', 'aleppo', 'baghdad', 'basra', 'caracas', 'havana', 'almaty', 'tashkent'];
  for (const name of ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'ivanov', 'petrov', 'smirnov', 'volkov', 'sokolov', 'popov', 'lebedev', 'kozlov', 'novikov', 'morozov', 'hosseini', 'ahmadi', 'mohammadi', 'rezaei', 'karimi', 'rahimi', 'khan', 'ahmed', 'ali', 'hassan', 'hussein', 'kim', 'park', 'lee', 'choi', 'jung', 'kang'])
    PLACES.push(name);
  while (PLACES.length < 600) PLACES.push(word(2 + int(2)));
  const COUNTRIES = ['china', 'russia', 'iran', 'korea', 'pakistan', 'turkey', 'belarus', 'syria', 'iraq', 'venezuela', 'cuba', 'emirates', 'kazakhstan', 'uzbekistan', 'germany', 'france', 'italy', 'japan', 'india', 'brazil'];
  const ISO = ['CN', 'RU', 'IR', 'KP', 'PK', 'TR', 'BY', 'SY', 'IQ', 'VE', 'CU', 'AE', 'KZ', 'UZ', 'DE', 'FR', 'IT', 'JP', 'IN', 'BR'];
  const SECTOR = ['Optics', 'Photonics', 'Electronics', 'Marine', 'Aerospace', 'Energy', 'Chemical', 'Materials', 'Software', 'Machinery', 'Instruments', 'Semiconductor', 'Robotics', 'Logistics', 'Trading', 'Investment', 'Telecom', 'Power', 'Metals', 'Mining', 'Precision', 'Automation', 'Nuclear', 'Space', 'Security', 'Quantum', 'Lasers', 'Sensors', 'Shipbuilding', 'Radio', 'Radar', 'Equipment', 'Polymers', 'Petroleum', 'Steel'];
  const GENERIC = ['Technology', 'Research', 'Institute', 'Industry', 'Group', 'Holding', 'International', 'Systems', 'Solutions', 'Engineering', 'Science', 'Development', 'Design Bureau', 'Services', 'Enterprises', 'Laboratory', 'Centre'];
  const LEGAL = ['Ltd', 'Co., Ltd.', 'LLC', 'Inc.', 'GmbH', 'S.p.A.', 'OOO', 'JSC', 'Sp. z o.o.', 'S.A.', 'PJSC', 'B.V.', 'Pte Ltd', 'FZE', 'Corp.', 'AG', 'S.r.l.', 'PLC', 'LLP', 'Kft.'];
  const LEGAL_SWAP = { Ltd: 'Limited', 'Co., Ltd.': 'Company Limited', LLC: 'L.L.C.', 'Inc.': 'Incorporated', GmbH: 'mbH', 'S.p.A.': 'SpA', OOO: 'LLC', JSC: 'AO', 'Sp. z o.o.': 'sp. z o.o.', 'S.A.': 'SA', PJSC: 'PAO', 'B.V.': 'BV', 'Pte Ltd': 'Pte. Limited', FZE: 'FZCO', 'Corp.': 'Corporation', AG: 'A.G.', 'S.r.l.': 'SRL', PLC: 'Public Limited Company', LLP: 'L.L.P.', 'Kft.': 'KFT' };

  function generate(n) {
    const entries = [];
    for (let i = 0; i < n; i++) {
      const words = [];
      const shape = rand();
      // Mostly "<Coined> <Sector> <Generic?> <Legal>"; some lead with a place or family name.
      if (shape < 0.25) words.push(cap(zipf(PLACES)));
      words.push(cap(pick(coined)));
      if (rand() < 0.2) words.push(cap(pick(coined)));
      if (rand() < 0.7) words.push(pick(SECTOR));
      if (rand() < 0.5) words.push(pick(GENERIC));
      if (shape >= 0.25 && rand() < 0.1) words.push(cap(pick(COUNTRIES)));
      const legal = pick(LEGAL);
      const countryIndex = int(ISO.length);
      const entry = {
        entryId: `e${i}`,
        schema: 'organisation',
        name: `${words.join(' ')} ${legal}`,
        country: ISO[countryIndex],
        topics: ['sanction'],
        _words: words,
        _legal: legal,
      };
      if (rand() < 0.15) entry.aliases = [`${words.slice().reverse().join(' ')} ${LEGAL_SWAP[legal]}`];
      if (rand() < 0.05) entry.weakAliases = [words.map((w) => w[0]).join('').toUpperCase()];
      entries.push(entry);
    }
    return entries;
  }

  function typo(text) {
    // One edit inside the longest word (substitute, delete, insert or swap), not its first letter.
    const words = text.split(' ');
    let target = 0;
    for (let i = 1; i < words.length; i++) if (words[i].length > words[target].length) target = i;
    const w = words[target];
    const at = 1 + int(Math.max(1, w.length - 2));
    const letter = 'abcdefghijklmnopqrstuvwxyz'[int(26)];
    const kind = int(4);
    let out;
    if (kind === 0) out = w.slice(0, at) + letter + w.slice(at + 1);
    else if (kind === 1) out = w.slice(0, at) + w.slice(at + 1);
    else if (kind === 2) out = w.slice(0, at) + letter + w.slice(at);
    else out = at + 1 < w.length ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : w.slice(0, at) + letter + w.slice(at + 1);
    words[target] = out;
    return words.join(' ');
  }

  function makeQueries(entries, count) {
    const kinds = ['exact', 'typo', 'word_order', 'suffix', 'unrelated'];
    const queries = [];
    for (let i = 0; i < count; i++) {
      const kind = kinds[i % kinds.length];
      if (kind === 'unrelated') {
        // Unseen coinages (a disjoint syllable set) with ordinary sector words and legal forms.
        const name = `${cap(['qux', 'vex', 'jyb', 'wuz'][int(4)] + 'lo' + word(1))} ${pick(SECTOR)} ${pick(LEGAL)}`;
        queries.push({ kind, name, target: undefined });
        continue;
      }
      const entry = entries[int(entries.length)];
      const base = entry._words.join(' ');
      let name;
      if (kind === 'exact') name = entry.name;
      else if (kind === 'typo') name = `${typo(base)} ${entry._legal}`;
      else if (kind === 'word_order') name = `${entry._words.slice(1).concat(entry._words[0]).join(' ')} ${entry._legal}`;
      else name = `${base.toUpperCase()} ${LEGAL_SWAP[entry._legal]}`;
      queries.push({ kind, name, target: entry.entryId });
    }
    return queries;
  }

  const entries = generate(entities);
  const queries = makeQueries(entries, queryCount);
  // Drawn after the measured queries, so these stay the same whatever the warm-up's size.
  return { entries, queries, warmUpQueries: makeQueries(entries, warmUpCount) };
}

module.exports = { syntheticBench };
