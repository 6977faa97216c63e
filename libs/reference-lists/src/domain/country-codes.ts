import { alpha3ToAlpha2, getAlpha2Code, isValid } from 'i18n-iso-countries';

/**
 * Country names as OFAC (legacy CSV `add.csv`, `cons_add.csv`) and BIS write them, where the
 * English names of i18n-iso-countries differ. Every distinct value of the real snapshots in
 * shared/data/real-lists that the library misses is here; keys are lower case. Names that are no
 * country (`undetermined`), a dissolved one (`Netherlands Antilles`) or a disputed area
 * (`Region: Kafia Kingi`) are left out on purpose: they give no country, which is not an error.
 */
const LISTED_COUNTRY_NAMES = new Map<string, string>([
  ['burma', 'MM'],
  ['syria', 'SY'],
  ['korea, north', 'KP'],
  ['korea, south', 'KR'],
  ['congo, democratic republic of the', 'CD'],
  ['congo, republic of the', 'CG'],
  ['palestinian', 'PS'],
  ['west bank', 'PS'],
  ['region: gaza', 'PS'],
  ['region: crimea', 'UA'],
  ['region: northern mali', 'ML'],
  ['man, isle of', 'IM'],
  ['cote d ivoire', 'CI'],
  ['laos', 'LA'],
  ['bahamas, the', 'BS'],
  ['gambia, the', 'GM'],
  // Not in the snapshots but in OFAC's current country list, and missed by the library.
  ['macau', 'MO'],
  ['curacao', 'CW'],
  ['sint maarten', 'SX'],
  ['saint martin', 'MF'],
  ['saint barthelemy', 'BL'],
  ['brunei', 'BN'],
  ['moldova', 'MD'],
  ['cabo verde', 'CV'],
  ['macedonia', 'MK'],
  ['holy see', 'VA'],
  ['swaziland', 'SZ'],
  ['bonaire, sint eustatius, and saba', 'BQ'],
  ['micronesia, federated states of', 'FM'],
  // BIS Denied Persons List writes China so in its Country column.
  ['prc', 'CN'],
]);

/**
 * The ISO 3166-1 alpha-2 code (upper case) of a listed country: a code (alpha-2 or alpha-3) or an
 * English name. Undefined for what is no known country: lists hold regions and `undetermined`,
 * and such a value costs the entry a country, never the upload.
 */
export function countryCode(listed: string): string | undefined {
  const value = listed.trim();
  if (value === '' || value === '-0-') return undefined;
  if (/^[a-z]{2}$/i.test(value)) return isValid(value.toUpperCase()) ? value.toUpperCase() : undefined;
  const override = LISTED_COUNTRY_NAMES.get(value.toLowerCase());
  if (override !== undefined) return override;
  if (/^[a-z]{3}$/i.test(value)) {
    const fromAlpha3 = alpha3ToAlpha2(value.toUpperCase());
    if (fromAlpha3 !== undefined) return fromAlpha3;
  }
  const byName = getAlpha2Code(value, 'en');
  return byName !== undefined && isValid(byName) ? byName : undefined;
}

/** The codes of several listed countries, each once, in the order first met; unknown ones dropped. */
export function countryCodes(listed: Iterable<string>): string[] {
  const codes = new Set<string>();
  for (const value of listed) {
    const code = countryCode(value);
    if (code !== undefined) codes.add(code);
  }
  return [...codes];
}
