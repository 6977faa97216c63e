// Spelling-insensitive keys and a bounded edit distance for single tokens.

// Rewrites applied in order. They fold the spellings that differ between romanisation systems
// (Хлебников → "Hlebnikov" by the library, "Khlebnikov" by BGN/PCGN; Цветков → "Cvetkov" or
// "Tsvetkov"; Greek ου → "oy" or "ou") and between German umlaut spellings ("Mueller"/"Muller").
const REWRITES: readonly (readonly [RegExp, string])[] = [
  [/shch/g, 'sh'],
  [/sch/g, 'sh'],
  [/tch/g, 'ch'],
  [/dzh/g, 'j'],
  [/zh/g, 'j'],
  [/kh/g, 'h'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/t[sz]/g, 'c'],
  [/w/g, 'v'],
  [/(?:oo|ou|oy)/g, 'u'],
  [/ee/g, 'i'],
  [/ue/g, 'u'],
  [/oe/g, 'o'],
  [/ae/g, 'a'],
  [/y/g, 'i'],
  [/(.)\1+/g, '$1'],
];

/** A key that two romanisations of the same word usually share. */
export function phoneticKey(token: string): string {
  let key = token;
  for (const [pattern, replacement] of REWRITES) key = key.replace(pattern, replacement);
  return key;
}

/**
 * A coarser key for Greek-script names: Greek has no sh, zh or ch sounds, so a foreign name is
 * written with σ, ζ, τσ, and Russian -ov as -οφ ("Σασιρραεφ" for "Sashirraev").
 */
export function lossyKey(token: string): string {
  return lossyKeyOfPhoneticKey(phoneticKey(token));
}

/** `lossyKey` of a token whose `phoneticKey` is already known (the build computes it once). */
export function lossyKeyOfPhoneticKey(key: string): string {
  return key
    .replace(/sh/g, 's')
    .replace(/ch/g, 'c')
    .replace(/j/g, 'z')
    .replace(/f$/, 'v')
    .replace(/(.)\1+/g, '$1');
}

/**
 * Consonant skeleton. Arabic and Hebrew are written without short vowels, so a transliterated
 * "nwr" (نور) can only meet "Noor" or "Nour" on its consonants; w and y stand for long vowels there.
 */
export function consonantSkeleton(token: string): string {
  return consonantSkeletonOfPhoneticKey(phoneticKey(token));
}

/** `consonantSkeleton` of a token whose `phoneticKey` is already known. */
export function consonantSkeletonOfPhoneticKey(key: string): string {
  return key
    .replace(/[aeiouvw]/g, '')
    .replace(/(.)\1+/g, '$1');
}

/**
 * One bit per character (code mod 32) present in `token`. One edit (insert, delete, substitute,
 * swap) changes at most two bits, so `popcount(a ^ b) > 2k` proves a distance above k.
 */
export function letterMask(token: string): number {
  let mask = 0;
  for (let i = 0; i < token.length; i++) mask |= 1 << (token.charCodeAt(i) & 31);
  return mask;
}

/**
 * One bit per character (code mod 32) present at least twice in `token`. An edit changes the count
 * of at most two characters by one, and each such change flips at most one bit of `letterMask` or of
 * this mask, so `popcount(a ^ b) + popcount(a2 ^ b2) > 2k` also proves a distance above k.
 */
export function repeatedLetterMask(token: string): number {
  let seen = 0;
  let repeated = 0;
  for (let i = 0; i < token.length; i++) {
    const bit = 1 << (token.charCodeAt(i) & 31);
    if ((seen & bit) !== 0) repeated |= bit;
    seen |= bit;
  }
  return repeated;
}

export function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

// Reused rows for the distance below: it runs millions of times per second, so it allocates nothing.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal-string-alignment distance (insert, delete, substitute, swap neighbours), giving up as
 * soon as it exceeds `limit`: a typo allowance is small, and most pairs are far apart.
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  if (rows[0].length < width) rows = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  let previous2 = rows[0];
  let previous = rows[1];
  let current = rows[2];
  for (let j = 0; j < width; j++) {
    previous2[j] = 0;
    previous[j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, previous2[j - 2] + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const spare = previous2;
    previous2 = previous;
    previous = current;
    current = spare;
  }
  return previous[b.length];
}

/** Every string one deletion away from `token`: the symmetric-delete key set for typo lookups. */
export function deletions(token: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < token.length; i++) out.add(token.slice(0, i) + token.slice(i + 1));
  return [...out];
}
