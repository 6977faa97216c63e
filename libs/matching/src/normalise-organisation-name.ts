// Name analysis: script folding, tokenising, vocabulary folding and token weights.
import { romanize } from 'es-hangul';
import { transliterate } from 'transliteration';
import { toRomaji } from 'wanakana';
import { consonantSkeletonOfPhoneticKey, deletions, letterMask, lossyKeyOfPhoneticKey, phoneticKey } from './phonetic-key';
import { CANONICAL_WORD, GENERIC_WORDS, LEGAL_FORMS, NATIVE_SCRIPT_WORDS, PERSON_TITLES, SECTOR_WORDS, STOPWORDS } from './vocabulary';

export type TokenKind = 'distinctive' | 'sector' | 'generic';
export type NameKind = 'organisation' | 'person';

/** Weights in the weighted Dice score: a generic word moves the score a little, never decides it. */
export const TOKEN_WEIGHT: Readonly<Record<TokenKind, number>> = { distinctive: 1, sector: 0.6, generic: 0.3 };

export interface NameToken {
  readonly text: string;
  readonly key: string;
  readonly skeleton: string;
  readonly kind: TokenKind;
  readonly weight: number;
  /** Came from Arabic or Hebrew script, so only its consonants are reliable. */
  readonly abjad: boolean;
  /** Came from Greek script, so sh/zh/ch are lost and `lossy` is the comparable key. */
  readonly greek: boolean;
  readonly lossy: string;
  /** Letter-presence bits of `text` and of `key` (see `letterMask`): a cheap edit-distance bound. */
  readonly letters: number;
  readonly keyLetters: number;
}

export interface AnalysedName {
  readonly tokens: readonly NameToken[];
  /**
   * The distinctive tokens written as one word, when there are several: romanised Chinese splits
   * per syllable ("Hua Xin") where the Latin name writes one word ("Huaxin").
   */
  readonly joined?: NameToken;
  /** First letters of all tokens, for acronym comparison ("MIT"). */
  readonly initials: string;
  /** The name is one short all-letter token, so it may be an acronym of another name. */
  readonly acronym?: string;
  readonly transliterated: boolean;
}

// Bounds on what a name is compared on. Real names stay far below them (the longest name of the
// OFAC, BIS and CSL snapshots has 147 characters); without them a 10,000-letter name costs minutes
// of typo keys at index build, since those grow with the square of a token's length.
const MAX_NAME_LENGTH = 1000;
const MAX_NAME_WORDS = 32;
const MAX_TOKEN_LENGTH = 48;

const NON_ASCII = /[^\u0020-\u007e\s]/;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/;
const GREEK = /[\u0370-\u03ff\u1f00-\u1fff]/;
const ABJAD = /[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;
// The Arabic article (and li+article) is written joined to the word; Latin names write it apart
// ("Al Noor") or drop it, so it is removed, like the Latin stopword "al".
const ARABIC_ARTICLE = /(^|\s)(?:لل|ال)(?=[\u0600-\u06ff]{2,})/g;
// Modern Greek writes b, d, g as μπ, ντ, γκ; letter-by-letter romanisation would give mp, nt, gk.
const GREEK_DIGRAPHS: readonly (readonly [RegExp, string])[] = [
  [/[Μμ][Ππ]/g, 'b'],
  [/[Νν][Ττ]/g, 'd'],
  [/[Γγ][Κκ]/g, 'g'],
];
const DOTTED_ABBREVIATION = /^(?:[a-z]{1,3}\.)+[a-z]{0,3}\.?$/;

// Typo-tolerant lookup of vocabulary words: "Univercity" is still the generic "university".
const VOCABULARY_DELETIONS: ReadonlyMap<string, string> = buildVocabularyDeletions();

function buildVocabularyDeletions(): Map<string, string> {
  const map = new Map<string, string>();
  const words = [...GENERIC_WORDS, ...SECTOR_WORDS].filter((word) => word.length >= 7);
  for (const word of words) if (!map.has(word)) map.set(word, word);
  for (const word of words) for (const variant of deletions(word)) if (!map.has(variant)) map.set(variant, word);
  return map;
}

function correctVocabularyTypo(token: string): string {
  if (token.length < 7) return token;
  const direct = VOCABULARY_DELETIONS.get(token);
  if (direct !== undefined) return direct;
  for (const variant of deletions(token)) {
    const word = VOCABULARY_DELETIONS.get(variant);
    if (word !== undefined && Math.abs(word.length - token.length) <= 1) return word;
  }
  return token;
}

interface RawWord {
  readonly text: string;
  readonly abjad: boolean;
  readonly greek: boolean;
}

/** Unicode-normalise, replace native-script generic words, transliterate to lowercase ASCII words. */
function foldScript(name: string): { words: RawWord[]; transliterated: boolean } {
  let text = name.normalize('NFKC');
  const transliterated = NON_ASCII.test(text);
  if (transliterated) {
    for (const [native, english] of NATIVE_SCRIPT_WORDS) text = text.split(native).join(english);
    text = text.replace(ARABIC_ARTICLE, '$1');
    for (const [pattern, latin] of GREEK_DIGRAPHS) text = text.replace(pattern, latin);
  }
  const words: RawWord[] = [];
  for (const chunk of text.split(/\s+/)) {
    if (chunk === '') continue;
    const abjad = ABJAD.test(chunk);
    const greek = GREEK.test(chunk);
    const ascii = NON_ASCII.test(chunk) ? transliterate(romanised(chunk)) : chunk;
    for (const part of ascii.toLowerCase().split(/\s+/)) if (part !== '') words.push({ text: part, abjad, greek });
  }
  return { words, transliterated };
}

/**
 * Korean and Japanese syllables in their official romanisations (Revised Romanization through
 * es-hangul, Hepburn through wanakana); the rest of the text is left to \`transliterate\`.
 */
function romanised(chunk: string): string {
  let text = chunk;
  if (HANGUL.test(text)) text = text.replace(/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+/g, (run) => romanize(run));
  if (KANA.test(text)) text = text.replace(/[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]+/g, (run) => toRomaji(run));
  return text;
}

function splitWord(word: string): string[] {
  // Punctuation that never belongs to a word goes first, so "Co.," still reads as a dotted form.
  const cleaned = word.replace(/['’`‘@]/g, '').replace(/&/g, ' and ').replace(/[,;:()"«»<>[\]{}!?/\\|+*#]/g, ' ');
  const out: string[] = [];
  for (const piece of cleaned.split(/\s+/)) {
    if (piece === '') continue;
    // "S.p.A.", "B.V.", "Co." collapse to their legal-form token before dots become spaces.
    if (DOTTED_ABBREVIATION.test(piece)) out.push(piece.replace(/\./g, ''));
    else for (const part of piece.split(/[^a-z0-9]+/)) if (part !== '') out.push(part);
  }
  return out;
}

function classify(text: string): TokenKind {
  if (GENERIC_WORDS.has(text)) return 'generic';
  if (SECTOR_WORDS.has(text)) return 'sector';
  return 'distinctive';
}

function makeToken(text: string, kind: TokenKind, source: { readonly abjad: boolean; readonly greek: boolean }): NameToken {
  const key = phoneticKey(text);
  return {
    text,
    key,
    skeleton: consonantSkeletonOfPhoneticKey(key),
    lossy: lossyKeyOfPhoneticKey(key),
    kind,
    weight: TOKEN_WEIGHT[kind],
    abjad: source.abjad,
    greek: source.greek,
    letters: letterMask(text),
    keyLetters: letterMask(key),
  };
}

/**
 * Tokens already made, by variant (kind and script, see `tokenVariant`) and text. An index passes
 * one cache for all its names, so a word shared by many names is analysed once and stored once
 * (tokens are immutable). Keyed by the text itself, so no key string is made per lookup.
 */
export interface TokenCache {
  get(variant: number, text: string): NameToken | undefined;
  set(variant: number, text: string, token: NameToken): unknown;
}

/** Number of `tokenVariant` values. */
export const TOKEN_VARIANTS = 12;

/** The kind and script flags of a token as one number below `TOKEN_VARIANTS`. */
export function tokenVariant(kind: TokenKind, abjad: boolean, greek: boolean): number {
  return (kind === 'distinctive' ? 0 : kind === 'sector' ? 4 : 8) + (abjad ? 2 : 0) + (greek ? 1 : 0);
}

function cachedToken(
  cache: TokenCache | undefined,
  text: string,
  kind: TokenKind,
  source: { readonly abjad: boolean; readonly greek: boolean },
): NameToken {
  if (cache === undefined) return makeToken(text, kind, source);
  const variant = tokenVariant(kind, source.abjad, source.greek);
  let token = cache.get(variant, text);
  if (token === undefined) {
    token = makeToken(text, kind, source);
    cache.set(variant, text, token);
  }
  return token;
}

/** Full analysis of a name, as the matcher compares it. Persons keep every word as distinctive. */
export function analyseName(name: string, kind: NameKind = 'organisation', cache?: TokenCache): AnalysedName {
  const { words, transliterated } = foldScript(name.length > MAX_NAME_LENGTH ? name.slice(0, MAX_NAME_LENGTH) : name);
  const tokens: NameToken[] = [];
  // Polish "Sp. z o.o." is a legal form spread over three words.
  const flat: RawWord[] = [];
  for (const word of words) {
    for (const text of splitWord(word.text)) {
      if (flat.length < MAX_NAME_WORDS) flat.push({ ...word, text: text.length > MAX_TOKEN_LENGTH ? text.slice(0, MAX_TOKEN_LENGTH) : text });
    }
  }
  for (let i = 0; i < flat.length; i++) {
    const raw = flat[i];
    const text = raw.text;
    if (kind === 'person') {
      if (!PERSON_TITLES.has(text)) tokens.push(cachedToken(cache, text, 'distinctive', raw));
      continue;
    }
    if (text === 'sp' && flat[i + 1]?.text === 'z' && flat[i + 2]?.text === 'oo') {
      i += 2;
      continue;
    }
    const canonical = CANONICAL_WORD.get(text) ?? correctVocabularyTypo(text);
    if (STOPWORDS.has(canonical) || LEGAL_FORMS.has(canonical)) continue;
    tokens.push(cachedToken(cache, canonical, classify(canonical), raw));
  }
  const distinctive = tokens.filter((token) => token.kind === 'distinctive');
  const joinedText = distinctive
    .map((token) => token.text)
    .join('')
    .slice(0, MAX_TOKEN_LENGTH);
  const joined =
    distinctive.length > 1
      ? cachedToken(cache, joinedText, 'distinctive', {
          abjad: distinctive.some((token) => token.abjad),
          greek: distinctive.some((token) => token.greek),
        })
      : undefined;
  const acronym = acronymOf(tokens, kind);
  return {
    tokens,
    ...(joined !== undefined ? { joined } : {}),
    initials: initialsOf(tokens),
    ...(acronym !== undefined ? { acronym } : {}),
    transliterated,
  };
}

/** `AnalysedName.initials` of these tokens. */
export function initialsOf(tokens: readonly NameToken[]): string {
  return tokens.length > 1 ? tokens.map((token) => token.text[0]).join('') : '';
}

/** `AnalysedName.acronym` of these tokens. */
export function acronymOf(tokens: readonly NameToken[], kind: NameKind): string | undefined {
  const only = tokens.length === 1 ? tokens[0] : undefined;
  return kind === 'organisation' && only !== undefined && isAcronymShaped(only) ? only.text : undefined;
}

export function isAcronymShaped(token: NameToken): boolean {
  return /^[a-z]{2,6}$/.test(token.text) && token.kind === 'distinctive';
}

/**
 * The comparable form of an organisation name: transliterated, lowercase, without punctuation,
 * legal forms or stopwords, abbreviations and foreign generic words in English, tokens sorted
 * (word order does not matter). Empty when no distinctive token remains: such a name never matches.
 */
export function normaliseOrganisationName(name: string): string {
  const { tokens } = analyseName(name, 'organisation');
  if (!tokens.some((token) => token.kind === 'distinctive')) return '';
  return tokens
    .map((token) => token.text)
    .sort()
    .join(' ');
}
