// Organisation-name normalisation. A match needs a distinctive token: watchman #483 matched
// "BELLETECH CORP" to "11420 CORP." because only "corp" was left; generic-only names never match.

const LEGAL_FORMS = new Set([
  'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'llp', 'lp', 'plc',
  'gmbh', 'ag', 'kg', 'ug', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'asa', 'kk',
  'pty', 'pte', 'sl', 'se', 'jsc', 'pjsc', 'ooo', 'zao', 'oao',
]);

const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(Object.entries({
  univ: 'university',
  uni: 'university',
  inst: 'institute',
  acad: 'academy',
  lab: 'laboratory',
  labs: 'laboratories',
  natl: 'national',
  intl: 'international',
  tech: 'technology',
  sci: 'sciences',
  dept: 'department',
  ctr: 'centre',
  center: 'centre',
}));

const GENERIC_WORDS = new Set([
  'the', 'of', 'and', 'for', 'in', 'at', 'de', 'la', 'du', 'der', 'und', 'fur',
  'university', 'institute', 'academy', 'college', 'school', 'faculty', 'department', 'centre',
  'laboratory', 'laboratories', 'research', 'science', 'sciences', 'technology', 'technologies',
  'engineering', 'national', 'international', 'group', 'holding', 'holdings', 'foundation',
  'association', 'society', 'council', 'agency', 'ministry', 'government', 'state', 'federal',
  'applied', 'advanced', 'general', 'global', 'industries', 'industry', 'services', 'systems',
  'solutions', 'trading', 'enterprises', 'partners', 'organisation', 'organization',
]);

/** Lowercase, strip accents and punctuation, expand abbreviations, drop legal forms. */
export function nameTokens(name: string): string[] {
  const folded = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (folded === '') return [];
  return folded
    .split(' ')
    .map((token) => ABBREVIATIONS.get(token) ?? token)
    .filter((token) => !LEGAL_FORMS.has(token));
}

/**
 * The comparable key of a name: normalised tokens, sorted (word order does not matter).
 * Returns undefined when no distinctive token remains, so such a name can never match.
 */
export function normaliseName(name: string): string | undefined {
  const tokens = nameTokens(name);
  if (!tokens.some((token) => !GENERIC_WORDS.has(token))) return undefined;
  return [...tokens].sort().join(' ');
}

/** Identifiers compare without case, spaces or punctuation. */
export function normaliseIdentifier(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const key = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  return key === '' ? undefined : key;
}
