/** Generational suffixes that stay at the end when "LAST, First, Jr." is turned around. */
const NAME_SUFFIXES = new Set(['JR', 'SR', 'II', 'III', 'IV']);
/**
 * Words after a comma that make "X, Y" a company ("ELECMAT, INC.") or a suffix ("JOEL PRADO, JR."),
 * not "LAST, First". Compared upper case without dots or spaces.
 */
const NOT_GIVEN_NAMES = new Set([
  ...NAME_SUFFIXES,
  'INC', 'LTD', 'LLC', 'LLP', 'LP', 'CO', 'CORP', 'CORPORATION', 'COMPANY', 'LIMITED', 'PLC', 'SL', 'SA', 'SAS', 'SRL', 'SPA', 'SARL',
  'GMBH', 'AG', 'BV', 'NV', 'AB', 'AS', 'OY', 'PTE', 'PTELTD', 'PVT', 'PVTLTD', 'FZE', 'FZCO', 'FZC', 'FZLLC', 'OOO', 'ZAO', 'OAO', 'AO',
  'PAO', 'JSC', 'PJSC', 'CJSC', 'OJSC', 'SADECV', 'SDERLDECV', 'SAPIDECV', 'KG', 'KFT', 'DOO', 'SRO', 'EOOD', 'OU',
]);

/**
 * "Firstname LASTNAME" from a name listed as "LASTNAME, Firstname" (OFAC writes persons so; BIS
 * some), undefined when the name is not in that order. A trailing generational suffix stays last
 * ("DELOS REYES, Feliciano Semborio, Jr." gives "Feliciano Semborio DELOS REYES Jr.").
 */
export function naturalOrder(listed: string): string | undefined {
  const parts = listed.split(',').map((part) => part.trim());
  if (parts.length < 2 || parts.some((part) => part === '')) return undefined;
  let suffix: string | undefined;
  if (parts.length === 3 && NAME_SUFFIXES.has(parts[2].replace(/[.\s]/g, '').toUpperCase())) suffix = parts.pop();
  if (parts.length !== 2) return undefined;
  const [last, given] = parts;
  if (/\d/.test(given) || NOT_GIVEN_NAMES.has(given.replace(/[.\s]/g, '').toUpperCase())) return undefined;
  return [given, last, ...(suffix !== undefined ? [suffix] : [])].join(' ');
}

/** Whitespace collapsed and trimmed: lists pad names (" ADRIAN MANUEL HERNANDEZ", "AL-NASER  AIRLINES"). */
export function tidyName(listed: string): string {
  return listed.replace(/\s+/g, ' ').trim();
}
