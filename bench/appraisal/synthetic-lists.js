'use strict';
// Synthetic reference lists for the appraisal benchmark: a 100,000-entry organisation watchlist
// and a small sanctions list. The watchlist entry `g` (1-based) is a pure function of `g`, written
// once in JavaScript (for the in-process engine benchmark) and once in SQL over generate_series (for
// the end-to-end benchmark), so both parts appraise against the same list; `checkSample` compares.
//
// Names look like real list entries: "<distinctive word> <domain word> <sector> <legal form>",
// e.g. "Zhonghai Photonics Research Institute Co., Ltd.", with a country, a topic, and for some
// entries an alias ("Zhonghai Photonics"), a weak acronym alias and a registration number. None of
// the words appears in the realistic case, so the realistic case is clean against the watchlist.

const DISTINCTIVE = [
  'Zhonghai', 'Xinda', 'Huaxin', 'Kunlun', 'Tianrui', 'Jinpeng', 'Haitai', 'Changfeng', 'Ruixing', 'Dongfang',
  'Baikal', 'Volgatek', 'Sibirtron', 'Uraltech', 'Almaz', 'Kaskad', 'Vektor', 'Zenit', 'Orbita', 'Granit',
  'Parsian', 'Arvand', 'Kaveh', 'Sahand', 'Dena', 'Alborz', 'Zagros', 'Tabesh', 'Pardis', 'Rayan',
  'Chollima', 'Taedong', 'Ryongsong', 'Kumsong', 'Paektu', 'Minsktron', 'Belomo', 'Integral', 'Planar', 'Peleng',
  'Anadolu', 'Karadeniz', 'Sarmat', 'Tavrida', 'Borisfen', 'Meridian', 'Polaris', 'Altair', 'Kestrel', 'Halcyon',
  'Vantor', 'Quorix', 'Telmora', 'Brakken', 'Ostrava', 'Lumeon', 'Cyrenix', 'Daxtor', 'Eskara', 'Ferrum',
];
const DOMAIN = [
  'Photonics', 'Quantum', 'Optoelectronics', 'Microelectronics', 'Semiconductor', 'Avionics', 'Aerospace', 'Rocket', 'Propulsion', 'Radar',
  'Laser', 'Infrared', 'Sonar', 'Navigation', 'Satellite', 'Telecom', 'Cryptography', 'Cyber', 'Robotics', 'Drone',
  'Nuclear', 'Isotope', 'Materials', 'Composites', 'Ceramics', 'Alloys', 'Titanium', 'Graphene', 'Nanotech', 'Chemical',
  'Biotech', 'Genomics', 'Vaccine', 'Pharma', 'Precision', 'Instruments', 'Machine Tools', 'Turbine', 'Hypersonic', 'Energetics',
  'Armament', 'Ordnance', 'Shipbuilding', 'Marine', 'Electronics', 'Computing', 'Supercomputing', 'AI', 'Vision', 'Sensor Systems',
  'Detector', 'Acoustics', 'Magnetics', 'Plasma', 'Thermal', 'Optics', 'Fiber', 'Microwave', 'Antenna', 'Signal',
];
const SECTOR = [
  'Technology', 'Industries', 'Research Institute', 'Group', 'Engineering', 'Systems', 'Trading', 'Holdings', 'Corporation', 'Academy',
  'Design Bureau', 'Scientific Production Association', 'Laboratory', 'Works', 'Manufacturing', 'Development', 'Import Export', 'Electronic Technology', 'Science and Technology', 'Instruments Factory',
  'Innovation Centre', 'Equipment', 'Solutions', 'Enterprises', 'Institute of Technology',
  'Special Equipment Plant', 'Automation', 'Electromechanical', 'Power Machines', 'Test Centre',
];
const LEGAL_FORM = ['Co., Ltd.', 'Ltd.', 'JSC', 'LLC', 'GmbH', 'PJSC', 'OOO', 'Inc.', 'S.A.', 'Pte. Ltd.', 'FZE', 'Limited'];
const COUNTRY = ['CN', 'RU', 'IR', 'KP', 'BY', 'CN', 'RU', 'HK', 'AE', 'TR', 'SY', 'PK', 'MM', 'VE', 'CU', 'KZ', 'AM', 'UZ', 'MY', 'SG'];
const TOPIC = ['mil', 'gov.soe', 'export.control', 'poi', 'reg.action', 'debarment', 'defence.1260h', 'gov.security'];
const WATCHLIST_SIZE = 100000;

if (DISTINCTIVE.length * DOMAIN.length * SECTOR.length < WATCHLIST_SIZE) throw new Error('not enough name combinations');

/** Watchlist entry `g` (1-based). Keep in step with WATCHLIST_SQL below. */
function watchlistEntry(g) {
  const i = g - 1;
  const d1 = i % DISTINCTIVE.length;
  const d2 = Math.floor(i / DISTINCTIVE.length) % DOMAIN.length;
  const d3 = Math.floor(i / (DISTINCTIVE.length * DOMAIN.length)) % SECTOR.length;
  const w1 = DISTINCTIVE[(d1 + 7 * d2 + 13 * d3) % DISTINCTIVE.length];
  const w2 = DOMAIN[d2];
  const sector = SECTOR[d3];
  const country = COUNTRY[(g * 31) % COUNTRY.length];
  const id = `w${String(g).padStart(6, '0')}`;
  const aliases = [];
  if (g % 3 === 0) aliases.push(`${w1} ${w2}`);
  if (g % 7 === 0) aliases.push(`${w1} ${w2} ${sector} of ${country}`);
  return {
    entryId: id,
    schema: 'organisation',
    name: `${w1} ${w2} ${sector} ${LEGAL_FORM[g % LEGAL_FORM.length]}`,
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(g % 5 === 0 ? { weakAliases: [`${w1[0]}${w2[0]}${sector[0]}`.toUpperCase()] } : {}),
    country,
    ...(g % 4 === 0 ? { identifiers: { registration: `RC${String(g).padStart(8, '0')}` } } : {}),
    topics: [TOPIC[g % TOPIC.length]],
  };
}

// $1 tenant, $2..$7 the word arrays; arrays in SQL are 1-based, hence the "1 +".
const WATCHLIST_SQL = `
  INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry)
  SELECT $1, 'watchlist', 1, e.entry->>'entryId', e.entry
    FROM generate_series(1, ${WATCHLIST_SIZE}) AS g,
         LATERAL (SELECT (g - 1) % cardinality($2::text[]) AS d1,
                         ((g - 1) / cardinality($2::text[])) % cardinality($3::text[]) AS d2,
                         ((g - 1) / (cardinality($2::text[]) * cardinality($3::text[]))) % cardinality($4::text[]) AS d3) AS d,
         LATERAL (SELECT ($2::text[])[1 + (d.d1 + 7 * d.d2 + 13 * d.d3) % cardinality($2::text[])] AS w1,
                         ($3::text[])[1 + d.d2] AS w2,
                         ($4::text[])[1 + d.d3] AS sector,
                         ($6::text[])[1 + (g * 31) % cardinality($6::text[])] AS country) AS w,
         LATERAL (SELECT jsonb_strip_nulls(jsonb_build_object(
                   'entryId', 'w' || lpad(g::text, 6, '0'),
                   'schema', 'organisation',
                   'name', w.w1 || ' ' || w.w2 || ' ' || w.sector || ' ' || ($5::text[])[1 + g % cardinality($5::text[])],
                   'aliases', CASE WHEN g % 3 = 0 OR g % 7 = 0 THEN
                                (CASE WHEN g % 3 = 0 THEN jsonb_build_array(w.w1 || ' ' || w.w2) ELSE '[]'::jsonb END)
                                || (CASE WHEN g % 7 = 0 THEN jsonb_build_array(w.w1 || ' ' || w.w2 || ' ' || w.sector || ' of ' || w.country) ELSE '[]'::jsonb END)
                              END,
                   'weakAliases', CASE WHEN g % 5 = 0 THEN jsonb_build_array(upper(left(w.w1, 1) || left(w.w2, 1) || left(w.sector, 1))) END,
                   'country', w.country,
                   'identifiers', CASE WHEN g % 4 = 0 THEN jsonb_build_object('registration', 'RC' || lpad(g::text, 8, '0')) END,
                   'topics', jsonb_build_array(($7::text[])[1 + g % cardinality($7::text[])])
                 )) AS entry) AS e`;
const WATCHLIST_SQL_PARAMS = [DISTINCTIVE, DOMAIN, SECTOR, LEGAL_FORM, COUNTRY, TOPIC];

/** A small sanctions list: 150 organisations and 50 persons, none of them in the realistic case. */
function sanctionsEntries() {
  const entries = [];
  for (let n = 1; n <= 150; n += 1) {
    const w1 = DISTINCTIVE[(n * 11) % DISTINCTIVE.length];
    const w2 = DOMAIN[(n * 17) % DOMAIN.length];
    entries.push({
      entryId: `s-org-${String(n).padStart(4, '0')}`,
      schema: 'organisation',
      name: `${w1} ${w2} Sanctioned Enterprise ${n} ${LEGAL_FORM[n % LEGAL_FORM.length]}`,
      aliases: [`${w1}-${w2} SE ${n}`],
      country: COUNTRY[n % COUNTRY.length],
      topics: ['sanction'],
    });
  }
  for (let n = 1; n <= 50; n += 1) {
    entries.push({
      entryId: `s-person-${String(n).padStart(4, '0')}`,
      schema: 'person',
      name: `Ivan Sanctionov ${DISTINCTIVE[n % DISTINCTIVE.length]} ${n}`,
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
