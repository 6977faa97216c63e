'use strict';
// Synthetic reference lists for the appraisal benchmark: a 100,000-entry organisation watchlist
// and a small sanctions list. The watchlist entry `g` (1-based) is a pure function of `g`, written
// once in JavaScript (for the in-process engine benchmark) and once in SQL over generate_series (for
// the end-to-end benchmark), so both parts appraise against the same list; the e2e part compares a
// sample of stored entries with `watchlistEntry`.
//
// Names look like list entries: one or two distinctive made-up words (about 20,000 different first
// words, so a distinctive token is shared by a handful of entries, as on real lists), a sector word,
// an organisation word and a legal form, e.g. "Karolvin Tesmar Photonics Design Bureau JSC". Each
// entry has a country and a topic; some have an alias (a short form), a weak acronym alias or a
// registration number. The sector and organisation words are all ones the matchers treat as sector
// or generic words, and no name contains a digit: the realistic case (whose partners are varied
// with a number in the engine part) does not match any entry.

const SYLLABLES = [
  'ka', 'ro', 'vin', 'tel', 'zha', 'xin', 'dor', 'mar', 'len', 'sul', 'bao', 'kun', 'tai', 'fen', 'rui', 'hai',
  'jin', 'lon', 'mir', 'tak', 'sev', 'vol', 'gor', 'nik', 'ash', 'par', 'dan', 'ely', 'qua', 'bra', 'sto', 'vek',
  'lum', 'cyr', 'dax', 'esk', 'fer', 'gal', 'hol', 'ing', 'jor', 'kel', 'lis', 'mon', 'nor', 'ost', 'pel', 'ram',
];
const SECTOR = [
  'Photonics', 'Electronics', 'Optics', 'Materials', 'Aerospace', 'Aviation', 'Energy', 'Chemical', 'Semiconductor', 'Robotics',
  'Nuclear', 'Radar', 'Laser', 'Precision', 'Instruments', 'Machinery', 'Telecom', 'Computing', 'Automation', 'Shipbuilding',
  'Metals', 'Polymers', 'Marine', 'Space', 'Security', 'Quantum', 'Nanotechnology', 'Communications', 'Software', 'Equipment',
  'Devices', 'Dynamics', 'Microsystems', 'Engines', 'Mechanical', 'Electric', 'Power', 'Sensors', 'Control', 'Information',
];
const ORGANISATION = [
  'Technology', 'Industries', 'Research Institute', 'Group', 'Engineering', 'Systems', 'Trading', 'Holdings', 'Corporation', 'Academy',
  'Design Bureau', 'Scientific Production Association', 'Laboratory', 'Plant', 'Manufacturing', 'Development', 'Import Export',
  'Science and Technology', 'Solutions', 'Enterprises', 'Joint Stock Company', 'State Enterprise', 'Research Centre', 'Company',
  'International', 'Investment', 'Logistics', 'Supply', 'Institute', 'Services',
];
const LEGAL_FORM = ['Co., Ltd.', 'Ltd.', 'JSC', 'LLC', 'GmbH', 'PJSC', 'OOO', 'Inc.', 'S.A.', 'Pte. Ltd.', 'FZE', 'Limited'];
const COUNTRY = ['CN', 'RU', 'IR', 'KP', 'BY', 'CN', 'RU', 'HK', 'AE', 'TR', 'SY', 'PK', 'MM', 'VE', 'CU', 'KZ', 'AM', 'UZ', 'MY', 'SG'];
const TOPIC = ['mil', 'gov.soe', 'export.control', 'poi', 'reg.action', 'debarment', 'defence.1260h', 'gov.security'];
const WATCHLIST_SIZE = 100000;
const FIRST_WORDS = 20011;
const SECOND_WORDS = 99991;

/** Made-up word number `j`: two or three syllables, capitalised ("Karolvin", "Zhaxin"). */
function word(j) {
  const n = SYLLABLES.length;
  const text = SYLLABLES[j % n] + SYLLABLES[Math.floor(j / n) % n] + (j % 3 === 0 ? '' : SYLLABLES[Math.floor(j / (n * n)) % n]);
  return text[0].toUpperCase() + text.slice(1);
}

/** Watchlist entry `g` (1-based). Keep in step with WATCHLIST_SQL below. */
function watchlistEntry(g) {
  const first = word((g * 7919) % FIRST_WORDS);
  const second = g % 3 === 0 ? undefined : word((g * 104729) % SECOND_WORDS);
  const sector = SECTOR[(g * 13) % SECTOR.length];
  const organisation = ORGANISATION[(g * 17) % ORGANISATION.length];
  const stem = second === undefined ? `${first} ${sector} ${organisation}` : `${first} ${second} ${sector} ${organisation}`;
  const aliases = [];
  if (g % 4 === 0) aliases.push(second === undefined ? `${first} ${sector}` : `${first} ${second}`);
  if (g % 7 === 0) aliases.push(`${first} ${organisation}`);
  return {
    entryId: `w${String(g).padStart(6, '0')}`,
    schema: 'organisation',
    name: `${stem} ${LEGAL_FORM[g % LEGAL_FORM.length]}`,
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(g % 5 === 0 ? { weakAliases: [`${first[0]}${(second ?? sector)[0]}${organisation[0]}`.toUpperCase()] } : {}),
    country: COUNTRY[(g * 31) % COUNTRY.length],
    ...(g % 6 === 0 ? { identifiers: { registration: `RC${String(g).padStart(8, '0')}` } } : {}),
    topics: [TOPIC[g % TOPIC.length]],
  };
}

// $1 tenant, $2 syllables, $3 sectors, $4 organisation words, $5 legal forms, $6 countries, $7 topics.
// Arrays in SQL are 1-based, hence the "1 +".
const WORD_SQL = (j) => `initcap(s.syl[1 + (${j}) % s.n] || s.syl[1 + ((${j}) / s.n) % s.n]
                                || CASE WHEN (${j}) % 3 = 0 THEN '' ELSE s.syl[1 + ((${j}) / (s.n * s.n)) % s.n] END)`;
const WATCHLIST_SQL = `
  INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry)
  SELECT $1, 'watchlist', 1, 'w' || lpad(g::text, 6, '0'), e.entry
    FROM (SELECT $2::text[] AS syl, cardinality($2::text[])::bigint AS n) AS s,
         generate_series(1::bigint, ${WATCHLIST_SIZE}) AS g,
         LATERAL (SELECT ${WORD_SQL(`(g * 7919) % ${FIRST_WORDS}`)} AS first,
                         CASE WHEN g % 3 = 0 THEN NULL ELSE ${WORD_SQL(`(g * 104729) % ${SECOND_WORDS}`)} END AS second,
                         ($3::text[])[1 + (g * 13) % cardinality($3::text[])] AS sector,
                         ($4::text[])[1 + (g * 17) % cardinality($4::text[])] AS organisation) AS w,
         LATERAL (SELECT jsonb_strip_nulls(jsonb_build_object(
                   'entryId', 'w' || lpad(g::text, 6, '0'),
                   'schema', 'organisation',
                   'name', concat_ws(' ', w.first, w.second, w.sector, w.organisation, ($5::text[])[1 + g % cardinality($5::text[])]),
                   'aliases', CASE WHEN g % 4 = 0 OR g % 7 = 0 THEN
                                (CASE WHEN g % 4 = 0 THEN jsonb_build_array(concat_ws(' ', w.first, coalesce(w.second, w.sector))) ELSE '[]'::jsonb END)
                                || (CASE WHEN g % 7 = 0 THEN jsonb_build_array(w.first || ' ' || w.organisation) ELSE '[]'::jsonb END)
                              END,
                   'weakAliases', CASE WHEN g % 5 = 0 THEN
                                    jsonb_build_array(upper(left(w.first, 1) || left(coalesce(w.second, w.sector), 1) || left(w.organisation, 1)))
                                  END,
                   'country', ($6::text[])[1 + (g * 31) % cardinality($6::text[])],
                   'identifiers', CASE WHEN g % 6 = 0 THEN jsonb_build_object('registration', 'RC' || lpad(g::text, 8, '0')) END,
                   'topics', jsonb_build_array(($7::text[])[1 + g % cardinality($7::text[])])
                 )) AS entry) AS e`;
const WATCHLIST_SQL_PARAMS = [SYLLABLES, SECTOR, ORGANISATION, LEGAL_FORM, COUNTRY, TOPIC];

/** A small sanctions list: 150 organisations and 50 persons, none of them in the realistic case. */
function sanctionsEntries() {
  const entries = [];
  for (let n = 1; n <= 150; n += 1) {
    const first = word(200000 + n * 37);
    const second = word(300000 + n * 53);
    entries.push({
      entryId: `s-org-${String(n).padStart(4, '0')}`,
      schema: 'organisation',
      name: `${first} ${second} ${SECTOR[n % SECTOR.length]} ${ORGANISATION[n % ORGANISATION.length]} ${LEGAL_FORM[n % LEGAL_FORM.length]}`,
      aliases: [`${first}${second.toLowerCase()}`],
      country: COUNTRY[n % COUNTRY.length],
      topics: ['sanction'],
    });
  }
  for (let n = 1; n <= 50; n += 1) {
    entries.push({
      entryId: `s-person-${String(n).padStart(4, '0')}`,
      schema: 'person',
      name: `${word(400000 + n * 29)} ${word(500000 + n * 31)}`,
      country: COUNTRY[n % COUNTRY.length],
      topics: ['sanction'],
    });
  }
  return entries;
}

/** The engine's reference lists: watchlist v1 (100,000 entries) and sanctions v1. */
function referenceLists() {
  const watchlist = [];
  for (let g = 1; g <= WATCHLIST_SIZE; g += 1) watchlist.push(watchlistEntry(g));
  return [
    { listId: 'watchlist', version: 1, kind: 'watchlist', entries: watchlist, topicSeverity: {} },
    { listId: 'sanctions', version: 1, kind: 'sanctions', entries: sanctionsEntries(), topicSeverity: {} },
  ];
}

/** JSON with sorted keys, to compare an entry built here with one read back from jsonb. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

module.exports = { WATCHLIST_SIZE, WATCHLIST_SQL, WATCHLIST_SQL_PARAMS, watchlistEntry, sanctionsEntries, referenceLists, canonical };
