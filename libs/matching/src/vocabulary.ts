// Word lists the organisation-name normaliser reads. Kept as data so that adding a language is a
// review of this file only. Every entry is lowercase ASCII as it looks *after* transliteration.

/**
 * Legal forms across major jurisdictions. They say nothing about identity ("Volkov Optics Ltd" and
 * "OOO Volkov Optics" are the same firm), so they are dropped before comparison. Dotted spellings
 * (S.p.A., B.V., Co.) are collapsed to these forms earlier, in the tokeniser.
 */
export const LEGAL_FORMS: ReadonlySet<string> = new Set([
  // English-speaking
  'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'llp', 'lp', 'plc',
  'pty', 'pte', 'pvt', 'private', 'public', 'lc', 'pllc',
  // German-speaking, Dutch, Nordic
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ug', 'ev', 'bv', 'nv', 'vof', 'oy', 'oyj', 'ab', 'as', 'asa', 'aps', 'ehf', 'hf',
  // Romance
  'sa', 'sas', 'sasu', 'sarl', 'srl', 'spa', 'sapa', 'snc', 'sl', 'slu', 'ltda', 'cia', 'sca', 'scs', 'eurl',
  // Central and Eastern Europe, Russia and neighbours (transliterated)
  'sro', 'spzoo', 'kft', 'zrt', 'nyrt', 'doo', 'dd', 'ad', 'ead', 'ood', 'jsc', 'pjsc', 'ojsc', 'cjsc', 'ooo', 'zao', 'oao',
  'pao', 'ao', 'tov', 'pat', 'prat', 'fgup', 'gup', 'mup', 'ano', 'fgbu', 'fgbou', 'fgaou',
  // Asia and elsewhere
  'kk', 'yk', 'gk', 'bhd', 'sdn', 'tbk', 'pt', 'cv', 'jv', 'se', 'sae', 'wll', 'fze', 'fzco', 'fzc', 'fzllc',
  'ae', 'epe', 'ike', 'oe', 'kabushiki', 'kaisha', 'youxiangongsi', 'gufen', 'youxian', 'zerenn', 'zeren',
]);

/** Words that join other words; they carry no identity and no weight. */
/** Titles and ranks before persons' names: not part of the name ("AL-ZUMAR, Colonel Abbud"). */
export const PERSON_TITLES: ReadonlySet<string> = new Set([
  'dr', 'doctor', 'mr', 'mrs', 'ms', 'prof', 'professor', 'sir', 'colonel', 'col', 'general', 'gen', 'lieutenant',
  'major', 'captain', 'capt', 'brigadier', 'admiral', 'sheikh', 'shaykh', 'sheik', 'haji', 'hajji', 'mullah', 'maulana',
]);

export const STOPWORDS: ReadonlySet<string> = new Set([
  'the', 'of', 'and', 'for', 'in', 'at', 'on', 'by', 'to', 'a', 'an',
  'de', 'la', 'le', 'les', 'du', 'des', 'der', 'die', 'das', 'den', 'und', 'fur', 'fuer', 'di', 'del', 'della', 'dei',
  'do', 'da', 'dos', 'das', 'y', 'e', 'et', 'en', 'van', 'voor', 'och', 'og', 'i', 'im', 'imeni', 'al', 'el',
]);

/**
 * Abbreviations and foreign spellings folded onto one English word, so that "Univ.", "Universität"
 * and "Университет" all compare as "university". The target words are generic (see GENERIC_WORDS).
 */
export const CANONICAL_WORD: ReadonlyMap<string, string> = new Map(Object.entries({
  univ: 'university', uni: 'university', universitet: 'university', universitat: 'university',
  universitaet: 'university', universite: 'university', universidad: 'university', universidade: 'university',
  universita: 'university', uniwersytet: 'university', univerzita: 'university', universiteit: 'university',
  panepistimio: 'university', daxue: 'university', universities: 'university',
  inst: 'institute', institut: 'institute', instituto: 'institute', istituto: 'institute', instytut: 'institute',
  institoyto: 'institute', institouto: 'institute', instituut: 'institute', yanjiusuo: 'institute',
  yanjiuyuan: 'institute', institutes: 'institute', nii: 'institute',
  acad: 'academy', akademiya: 'academy', akademiia: 'academy', akademija: 'academy', akademie: 'academy',
  academie: 'academy', academia: 'academy', akademia: 'academy', akadimia: 'academy', kexueyuan: 'academy',
  tech: 'technology', technol: 'technology', technologies: 'technology', tekhnologii: 'technology',
  tehnologii: 'technology', tekhnologiy: 'technology', tehnologiy: 'technology', technologie: 'technology',
  technologien: 'technology', tecnologia: 'technology', tecnologias: 'technology', technologia: 'technology',
  tehnologies: 'technology', texnologies: 'technology', tekhnologies: 'technology', keji: 'technology',
  technological: 'technology', technik: 'technology', technique: 'technology',
  sci: 'science', sciences: 'science', nauk: 'science', nauki: 'science', wissenschaften: 'science',
  ciencias: 'science', scienze: 'science', epistimon: 'science', kexue: 'science', scientific: 'science',
  nauchnyy: 'science', nauchno: 'science',
  res: 'research', issledovatelskiy: 'research', issledovatelskii: 'research', issledovaniy: 'research',
  forschung: 'research', recherche: 'research', recherches: 'research', investigacion: 'research', ricerca: 'research',
  lab: 'laboratory', labs: 'laboratory', laboratories: 'laboratory', laboratoriya: 'laboratory',
  laboratoire: 'laboratory', laboratorio: 'laboratory', shiyanshi: 'laboratory',
  ctr: 'centre', cntr: 'centre', center: 'centre', centers: 'centre', centres: 'centre', tsentr: 'centre',
  centro: 'centre', zentrum: 'centre', kentro: 'centre', zhongxin: 'centre',
  natl: 'national', nat: 'national', natsionalnyy: 'national', natsionalnyi: 'national', nacional: 'national',
  nazionale: 'national', nationale: 'national', ethniko: 'national',
  intl: 'international', internatl: 'international', mezhdunarodnyy: 'international', internacional: 'international',
  internationale: 'international', guoji: 'international',
  polytech: 'polytechnic', polytechnique: 'polytechnic', politecnico: 'polytechnic', politekhnicheskiy: 'polytechnic',
  politehnicheskiy: 'polytechnic', polytechnical: 'polytechnic', politechnika: 'polytechnic',
  // British and American spellings of the same word.
  defence: 'defense', organisation: 'organization', organisations: 'organization', organizations: 'organization',
  gosudarstvennyy: 'state', gosudarstvennyi: 'state', staatliche: 'state', estatal: 'state',
  dept: 'department', depts: 'department', fac: 'faculty', coll: 'college', xueyuan: 'college',
  eng: 'engineering', engg: 'engineering', engr: 'engineering',
  assoc: 'association', soc: 'society', fdn: 'foundation', found: 'foundation', grp: 'group', jituan: 'group',
  hldgs: 'holdings', hldg: 'holding', holdings: 'holding', ind: 'industry', inds: 'industry', industries: 'industry',
  mfg: 'manufacturing', svcs: 'services', svc: 'services', sys: 'systems', intel: 'intelligence',
  zavod: 'plant', factory: 'plant', works: 'plant', gongchang: 'plant', fabrika: 'plant', kombinat: 'plant',
  byuro: 'bureau', optika: 'optics', optical: 'optics', optic: 'optics', elektronika: 'electronics',
  electronic: 'electronics', photonic: 'photonics', fotonika: 'photonics', materialy: 'materials',
  trade: 'trading', tjr: 'trading', tijara: 'trading', tijariya: 'trading', maahd: 'institute', jmaa: 'university',
}));

/**
 * Generic words: common in organisation names, so they never make a match on their own
 * (watchman #483: "BELLETECH CORP" must not meet "11420 CORP."). They count with a low weight.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'university', 'institute', 'academy', 'college', 'school', 'faculty', 'department', 'centre', 'laboratory',
  'research', 'science', 'technology', 'engineering', 'national', 'international', 'polytechnic', 'state',
  'federal', 'applied', 'advanced', 'general', 'global', 'group', 'holding', 'foundation', 'association',
  'society', 'council', 'agency', 'ministry', 'government', 'industry', 'services', 'systems', 'solutions',
  'enterprises', 'enterprise', 'partners', 'organisation', 'organization', 'joint', 'stock', 'open', 'closed',
  'branch', 'plant', 'bureau', 'design', 'production', 'scientific', 'central', 'first', 'new', 'united',
  'academic', 'medical', 'hospital', 'office', 'division', 'unit', 'union', 'board', 'commission', 'authority',
  'institution', 'studies', 'education', 'educational', 'training', 'graduate', 'higher', 'key', 'military',
  'defence', 'defense', 'public', 'people', 'peoples', 'republic', 'city', 'municipal', 'regional', 'provincial',
]);

/**
 * Sector words: weaker than a distinctive token but stronger than a generic one, so that
 * "Volkov Optics" and "Volkov Marine" (probably two firms) stay below the threshold, while
 * "Volkov Optics" and "Volkov Optics Trading" stay above it. They never match on their own either.
 */
export const SECTOR_WORDS: ReadonlySet<string> = new Set([
  'optics', 'photonics', 'electronics', 'marine', 'aerospace', 'aviation', 'energy', 'chemical', 'chemicals',
  'materials', 'software', 'machinery', 'machine', 'instruments', 'instrument', 'devices', 'semiconductor',
  'semiconductors', 'biotech', 'biotechnology', 'pharma', 'pharmaceutical', 'pharmaceuticals', 'robotics',
  'dynamics', 'logistics', 'trading', 'consulting', 'investment', 'investments', 'capital', 'ventures', 'networks',
  'communications', 'telecom', 'power', 'metals', 'mining', 'precision', 'microsystems', 'automation', 'computing',
  'motors', 'shipping', 'textiles', 'foods', 'construction', 'development', 'manufacturing', 'nuclear', 'space',
  'security', 'intelligence', 'quantum', 'nano', 'nanotechnology', 'medicine', 'health', 'agriculture',
  'petroleum', 'oil', 'gas', 'steel', 'shipbuilding', 'radio', 'radar', 'lasers', 'laser', 'sensors', 'control',
  'information', 'data', 'digital', 'cyber', 'mechanics', 'mechanical', 'electrical', 'physics', 'chemistry',
  'mathematics', 'biology', 'transport', 'rail', 'automotive', 'import', 'export', 'supply', 'equipment', 'tools',
  'electric', 'engines', 'ocean', 'polymer', 'polymers', 'ceramics', 'alloys', 'fibre', 'fiber', 'vision',
]);

/**
 * Generic words written in scripts that lose them in transliteration (Chinese characters become
 * pinyin syllables, Arabic loses its vowels). They are replaced by the English word *before*
 * transliteration, longest first, so that "华鑫科技有限公司" reads "华鑫 technology co ltd".
 */
export const NATIVE_SCRIPT_WORDS: readonly (readonly [string, string])[] = [
  ['股份有限公司', ' co ltd '], ['有限责任公司', ' co ltd '], ['有限公司', ' co ltd '], ['株式会社', ' kk '],
  ['研究院', ' institute '], ['研究所', ' institute '], ['研究中心', ' research centre '], ['实验室', ' laboratory '],
  ['科学院', ' academy of sciences '], ['大学', ' university '], ['学院', ' college '], ['科技', ' technology '],
  ['技术', ' technology '], ['集团', ' group '], ['公司', ' company '], ['工业', ' industry '], ['电子', ' electronics '],
  ['光电', ' photonics '], ['光学', ' optics '], ['贸易', ' trading '], ['国际', ' international '], ['中心', ' centre '],
  ['جامعة', ' university '], ['معهد', ' institute '], ['أكاديمية', ' academy '], ['مركز', ' centre '],
  ['شركة', ' company '], ['مؤسسة', ' foundation '], ['مجموعة', ' group '], ['للتجارة', ' trading '],
  ['التجارية', ' trading '], ['للتكنولوجيا', ' technology '], ['تكنولوجيا', ' technology '], ['للإلكترونيات', ' electronics '],
  ['ذ.م.م', ' llc '], ['بانک', ' bank '], ['البنك', ' bank '], ['بنك', ' bank '], ['مصرف', ' bank '],
  ['وزارة', ' ministry '], ['وزارت', ' ministry '], ['سازمان', ' organization '], ['شرکت', ' company '],
  ['دانشگاه', ' university '], ['پژوهشگاه', ' institute '], ['موسسه', ' institute '], ['مؤسسه', ' institute '],
  ['صنایع', ' industries '], ['الصناعات', ' industries '], ['گروه', ' group '], ['אוניברסיטת', ' university '], ['מכון', ' institute '], ['חברת', ' company '], ['בע"מ', ' ltd '],
];
