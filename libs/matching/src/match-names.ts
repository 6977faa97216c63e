// Scoring of two analysed names: a weighted, typo-tolerant Dice over tokens, gated on a shared
// distinctive token, plus acronyms as weak evidence and the country as a qualifier.
import { analyseName, type AnalysedName, type NameKind, type NameToken } from './normalise-organisation-name';
import { boundedEditDistance, popcount } from './phonetic-key';

/** Scores at or above this are candidates; equal to the engine's default `matchCandidate`. */
export const DEFAULT_MATCH_THRESHOLD = 0.7;

/** A derived acronym ("MIT" for "Massachusetts Institute of Technology") stays below the threshold. */
export const ACRONYM_SCORE = 0.6;
/** A country mismatch lowers a name match, as in the engine's simple index. */
export const COUNTRY_MISMATCH_PENALTY = 0.2;

// Token similarities. Discrete steps keep the score explainable: exact, same sound, one typo, two typos.
const SIMILARITY = { exact: 1, phonetic: 0.95, oneEdit: 0.9, twoEdits: 0.85, skeleton: 0.9, lossy: 0.9 } as const;

export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.text === b.text) return SIMILARITY.exact;
  if (a.key === b.key) return SIMILARITY.phonetic;
  if (a.abjad || b.abjad) {
    // Vowels are guesses on one side, so only consonants can agree.
    return a.skeleton.length >= 2 && a.skeleton === b.skeleton ? SIMILARITY.skeleton : 0;
  }
  const shorter = Math.min(a.text.length, b.text.length);
  if (shorter < 4) return 0;
  if ((a.greek || b.greek) && a.lossy === b.lossy) return SIMILARITY.lossy;
  // A typo allowance proportional to length: one edit from 4 letters, two from 8. Spelling and
  // key are both tried, since a typo can break a digraph the key folds ("Surshaev" → "surshav").
  const limit = shorter >= 8 ? 2 : 1;
  // Letter-presence bits settle most pairs without the distance: an edit changes at most two.
  const textDistance = popcount(a.letters ^ b.letters) > 2 * limit ? limit + 1 : boundedEditDistance(a.text, b.text, limit);
  if (textDistance <= 1) return SIMILARITY.oneEdit;
  const keyDistance = popcount(a.keyLetters ^ b.keyLetters) > 2 * limit ? limit + 1 : boundedEditDistance(a.key, b.key, limit);
  const distance = Math.min(textDistance, keyDistance);
  if (distance > limit) return 0;
  return distance <= 1 ? SIMILARITY.oneEdit : SIMILARITY.twoEdits;
}

export interface TokenAlignment {
  readonly score: number;
  /** Distinctive tokens that met a distinctive token on the other side. */
  readonly shared: readonly string[];
}

// The similarity steps, best first: a pair sorts by its step, so pairs can sort as plain numbers.
const SIMILARITY_STEPS: readonly number[] = [...new Set(Object.values(SIMILARITY))].sort((x, y) => y - x);
// Pairs of the alignment under way (it runs for every candidate, so it allocates as little as it can).
let pairBuffer = new Float64Array(64);
const NO_SHARED: readonly string[] = [];

/** Weighted Dice of two token lists under a greedy best-first one-to-one alignment. */
function align(a: readonly NameToken[], b: readonly NameToken[]): TokenAlignment {
  // A pair is the number (step * |a| + i) * |b| + j: ascending order is best similarity first,
  // ties broken by position, so that the alignment, and so the score, is deterministic.
  if (pairBuffer.length < a.length * b.length) pairBuffer = new Float64Array(2 * a.length * b.length);
  const pairs = pairBuffer;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const similarity = tokenSimilarity(a[i], b[j]);
      if (similarity === 0) continue;
      // Insertion into the sorted prefix: a handful of pairs.
      const pair = (SIMILARITY_STEPS.indexOf(similarity) * a.length + i) * b.length + j;
      let at = count++;
      while (at > 0 && pairs[at - 1] > pair) {
        pairs[at] = pairs[at - 1];
        at--;
      }
      pairs[at] = pair;
    }
  }
  // Tokens already aligned, as bits while the lists are short.
  const short = a.length <= 31 && b.length <= 31;
  let usedBitsA = 0;
  let usedBitsB = 0;
  const usedA: boolean[] | undefined = short ? undefined : new Array<boolean>(a.length).fill(false);
  const usedB: boolean[] | undefined = short ? undefined : new Array<boolean>(b.length).fill(false);
  let matched = 0;
  let shared: string[] | undefined;
  for (let k = 0; k < count; k++) {
    const pair = pairs[k];
    const j = pair % b.length;
    const i = ((pair - j) / b.length) % a.length;
    if (usedA === undefined || usedB === undefined) {
      if ((usedBitsA & (1 << i)) !== 0 || (usedBitsB & (1 << j)) !== 0) continue;
      usedBitsA |= 1 << i;
      usedBitsB |= 1 << j;
    } else {
      if (usedA[i] || usedB[j]) continue;
      usedA[i] = true;
      usedB[j] = true;
    }
    matched += SIMILARITY_STEPS[Math.floor(pair / (a.length * b.length))] * (a[i].weight + b[j].weight);
    if (a[i].kind === 'distinctive' && b[j].kind === 'distinctive') {
      if (shared === undefined) shared = [a[i].text];
      else shared.push(a[i].text);
    }
  }
  // A hit needs a distinctive token on both sides: generic and sector words alone never match.
  if (shared === undefined) return { score: 0, shared: NO_SHARED };
  // Summed as `reduce` would, left to right, each side on its own.
  let totalA = 0;
  for (const token of a) totalA += token.weight;
  let totalB = 0;
  for (const token of b) totalB += token.weight;
  const total = totalA + totalB;
  return { score: total === 0 ? 0 : matched / total, shared };
}

/**
 * An upper bound on `align(a, b).score`, without the alignment: matched tokens on either side can
 * at most count their full weight. Zero when no two distinctive tokens are similar at all.
 */
function alignBound(a: readonly NameToken[], b: readonly NameToken[]): number {
  let total = 0;
  for (const token of b) total += token.weight;
  let possible = 0;
  let matchedB = 0;
  let distinctivePair = false;
  for (const left of a) {
    total += left.weight;
    let matchedLeft = false;
    for (let j = 0; j < b.length; j++) {
      const right = b[j];
      if (tokenSimilarity(left, right) === 0) continue;
      matchedLeft = true;
      matchedB |= 1 << (j & 31);
      if (j >= 31) matchedB = -1;
      if (left.kind === 'distinctive' && right.kind === 'distinctive') distinctivePair = true;
    }
    if (matchedLeft) possible += left.weight;
  }
  if (!distinctivePair || total === 0) return 0;
  for (let j = 0; j < b.length; j++) if (matchedB === -1 || matchedB & (1 << j)) possible += b[j].weight;
  return possible / total;
}

const NO_ALIGNMENT: TokenAlignment = { score: 0, shared: [] };
// Float sums in another order may differ in the last bits; the bound must stay an upper bound.
export const BOUND_SLACK = 1e-9;

/** What scoring reads of an analysed name. */
export type ComparableName = Pick<AnalysedName, 'tokens' | 'joined' | 'initials' | 'acronym'>;

/**
 * The token-list pairings `compareAnalysedAbove` tries, in its order: the names as written, the
 * second name with its distinctive tokens joined, the first so, both so.
 */
export const PAIRING = { plain: 1, joinedB: 2, joinedA: 4, joinedBoth: 8 } as const;
export const ALL_PAIRINGS = 15;
const PAIRING_ORDER = [PAIRING.plain, PAIRING.joinedB, PAIRING.joinedA, PAIRING.joinedBoth] as const;

/**
 * `compareAnalysed` for a caller that discards scores below `floor`: the same result whenever the
 * score reaches `floor`, and a score below `floor` (possibly 0) otherwise. Skips the alignment of
 * token lists that cannot reach `floor`, which is most candidates of a large index. The collapsed
 * token lists can be passed precomputed.
 */
export function compareAnalysedAbove(
  a: ComparableName,
  b: ComparableName,
  floor: number,
  joinedA: readonly NameToken[] | undefined = collapsed(a),
  joinedB: readonly NameToken[] | undefined = collapsed(b),
): TokenAlignment {
  const reaches = (left: readonly NameToken[], right: readonly NameToken[]) => alignBound(left, right) >= floor - BOUND_SLACK;
  let pairings = reaches(a.tokens, b.tokens) ? PAIRING.plain : 0;
  if (joinedB !== undefined && reaches(a.tokens, joinedB)) pairings |= PAIRING.joinedB;
  if (joinedA !== undefined) {
    if (reaches(joinedA, b.tokens)) pairings |= PAIRING.joinedA;
    if (joinedB !== undefined && reaches(joinedA, joinedB)) pairings |= PAIRING.joinedBoth;
  }
  return alignPairings(a.tokens, b.tokens, pairings, joinedA, joinedB);
}

/**
 * The best alignment over the given pairings (see `PAIRING`) of two names' tokens and collapsed
 * tokens; the first of equal scores wins.
 */
export function alignPairings(
  a: readonly NameToken[],
  b: readonly NameToken[],
  pairings: number,
  joinedA: readonly NameToken[] | undefined,
  joinedB: readonly NameToken[] | undefined,
): TokenAlignment {
  let best = NO_ALIGNMENT;
  for (const pairing of PAIRING_ORDER) {
    if ((pairings & pairing) === 0) continue;
    const left = pairing === PAIRING.joinedA || pairing === PAIRING.joinedBoth ? joinedA : a;
    const right = pairing === PAIRING.joinedB || pairing === PAIRING.joinedBoth ? joinedB : b;
    if (left === undefined || right === undefined) continue;
    const candidate = align(left, right);
    if (best === NO_ALIGNMENT || candidate.score > best.score) best = candidate;
  }
  return best;
}

export function collapsed(name: Pick<ComparableName, 'tokens' | 'joined'>): readonly NameToken[] | undefined {
  if (name.joined === undefined) return undefined;
  return [name.joined, ...name.tokens.filter((token) => token.kind !== 'distinctive')];
}

/** Name similarity in [0, 1]; also tries the distinctive tokens written as one word. */
export function compareAnalysed(a: AnalysedName, b: AnalysedName): TokenAlignment {
  let best = align(a.tokens, b.tokens);
  const joinedA = collapsed(a);
  const joinedB = collapsed(b);
  for (const left of [a.tokens, joinedA]) {
    for (const right of [b.tokens, joinedB]) {
      if (left === undefined || right === undefined || (left === a.tokens && right === b.tokens)) continue;
      const candidate = align(left, right);
      if (candidate.score > best.score) best = candidate;
    }
  }
  return best;
}

/** One name is an acronym of the other's words ("EAAS" ↔ "Example Academy of Applied Sciences"). */
export function isAcronymOf(a: ComparableName, b: ComparableName): boolean {
  return (
    (a.acronym !== undefined && b.initials.length >= 2 && a.acronym === b.initials) ||
    (b.acronym !== undefined && a.initials.length >= 2 && b.acronym === a.initials)
  );
}

export type CountryFeature = 'agree' | 'mismatch' | 'unknown';

/** A country as countries are compared: trimmed, in lower case; undefined when absent or blank. */
export function comparableCountry(country: string | undefined): string | undefined {
  const trimmed = country?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed.toLowerCase();
}

export function countryFeature(a: string | undefined, b: string | undefined): CountryFeature {
  const left = comparableCountry(a);
  const right = comparableCountry(b);
  if (left === undefined || right === undefined) return 'unknown';
  return left === right ? 'agree' : 'mismatch';
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export interface NameMatch {
  readonly score: number;
  readonly features: Readonly<Record<string, number | string>>;
}

/**
 * Compares two names the way the index scores a candidate: `name` is the token score, `weakAlias`
 * the acronym evidence, `country` the qualifier. Used by the evaluation and for explanations.
 */
export function matchNames(a: string, b: string, countryA?: string, countryB?: string, kind: NameKind = 'organisation'): NameMatch {
  const left = analyseName(a, kind);
  const right = analyseName(b, kind);
  const features: Record<string, number | string> = {};
  const { score: nameScore, shared } = compareWithCorpus(left, right, KIND_WEIGHT);
  let score = 0;
  if (nameScore > 0) {
    features.name = round(nameScore);
    features.sharedTokens = shared.join(' ');
    score = nameScore;
  }
  if (kind === 'organisation' && isAcronymOf(left, right)) {
    features.weakAlias = ACRONYM_SCORE;
    score = Math.max(score, ACRONYM_SCORE);
  }
  const country = countryFeature(countryA, countryB);
  features.country = country;
  if (country === 'mismatch') score -= COUNTRY_MISMATCH_PENALTY;
  return { score: round(Math.max(0, Math.min(1, score))), features };
}

/**
 * Similarity without typo allowance: the same spelling, the same sound, the same consonants of an
 * abjad spelling, or the same lossy key of a Greek one. A one-word name ("BASF", "KAIST") and a
 * token made of joined words ("junghokim") need it: one edit there turns one name into another
 * ("THE BASE", "KARST", "tonghokim").
 */
export function strictTokenSimilarity(a: NameToken, b: NameToken): number {
  const similarity = tokenSimilarity(a, b);
  if (similarity === 0) return 0;
  if (a.text === b.text || a.key === b.key) return similarity;
  if ((a.abjad || b.abjad) && a.skeleton === b.skeleton) return similarity;
  if ((a.greek || b.greek) && a.lossy === b.lossy) return similarity;
  return 0;
}

/** Letters from which a one-word name may differ by one edit: shorter, one edit makes another name ("BASF", "THE BASE"). */
const ONE_WORD_TYPO_LETTERS = 7;

/** Similarity of the token of a one-word name: without typo allowance below `ONE_WORD_TYPO_LETTERS` letters. */
function oneWordSimilarity(a: NameToken, b: NameToken): number {
  const strict = strictTokenSimilarity(a, b);
  if (strict > 0 || Math.min(a.text.length, b.text.length) < ONE_WORD_TYPO_LETTERS) return strict;
  const similarity = tokenSimilarity(a, b);
  return similarity >= SIMILARITY.oneEdit ? similarity : 0;
}

/** Weight of a token in the corpus-aware score: its kind's weight, lowered when many list names hold it. */
export type TokenWeight = (token: NameToken) => number;

/** Matched distinctive evidence (summed weights) that lets differing tokens count half. */
const TOLERANCE_EVIDENCE = 1.5;
/** Particles of persons' names: they differ between spellings of one name ("al", "bin", "von"). */
const NAME_PARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ul', 'bin', 'ben', 'ibn', 'bint', 'abu', 'abd', 'von', 'van', 'der', 'de', 'da', 'di', 'del', 'la', 'le', 'ould', 'mac', 'mc']);
const PARTICLE_WEIGHT = 0.3;

/**
 * Weighted Dice of two token lists as `align` computes it, with what real lists need besides:
 * - a matched pair weighs what the corpus says (`weightOf`): a token most list names share
 *   ("bank", "korea", "mohammad") is little evidence, a rare one decides; a token that meets
 *   nothing keeps its kind's weight, common or not, since it says the names differ;
 * - once the matched tokens carry real evidence, differing tokens count half: all of them when
 *   the other name is wholly matched (an alias that drops a second surname or a middle name), else
 *   the heaviest one on each side (one differing token among several);
 * - a name of one token, and a joined token (`strictA`/`strictB`), meet only without typo allowance.
 * A score needs a distinctive token matched on both sides.
 */
export function corpusAlignment(a: readonly NameToken[], b: readonly NameToken[], weightOf: TokenWeight, strictA = -1, strictB = -1): TokenAlignment {
  if (a.length === 0 || b.length === 0) return NO_ALIGNMENT;
  const strictAll = a.length === 1 || b.length === 1;
  const pairs: { i: number; j: number; similarity: number; weight: number }[] = [];
  const unmatchedWeight = (token: NameToken) => (NAME_PARTICLES.has(token.text) ? Math.min(PARTICLE_WEIGHT, token.weight) : token.weight);
  const weightsA = a.map(unmatchedWeight);
  const weightsB = b.map(unmatchedWeight);
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const similarity =
        i === strictA || j === strictB ? strictTokenSimilarity(a[i], b[j]) : strictAll ? oneWordSimilarity(a[i], b[j]) : tokenSimilarity(a[i], b[j]);
      if (similarity > 0) pairs.push({ i, j, similarity, weight: Math.min(weightOf(a[i]), weightOf(b[j])) });
    }
  }
  // Best similarity first, then the heavier pair, then position: deterministic.
  pairs.sort((x, y) => y.similarity - x.similarity || y.weight - x.weight || x.i - y.i || x.j - y.j);
  const usedA = new Array<boolean>(a.length).fill(false);
  const usedB = new Array<boolean>(b.length).fill(false);
  let matched = 0;
  let evidence = 0;
  const shared: string[] = [];
  for (const pair of pairs) {
    if (usedA[pair.i] || usedB[pair.j]) continue;
    usedA[pair.i] = true;
    usedB[pair.j] = true;
    matched += pair.similarity * 2 * pair.weight;
    if (a[pair.i].kind === 'distinctive' && b[pair.j].kind === 'distinctive') {
      shared.push(a[pair.i].text);
      // Only distinctive tokens are evidence of identity; one letter is none ("A/S" leaves "s").
      if (a[pair.i].text.length > 1) evidence += pair.weight;
    }
    weightsA[pair.i] = pair.weight;
    weightsB[pair.j] = pair.weight;
  }
  if (shared.length === 0) return NO_ALIGNMENT;
  const tolerant = evidence >= TOLERANCE_EVIDENCE;
  const wholly = (used: readonly boolean[]) => used.every((value) => value);
  const side = (weights: readonly number[], used: readonly boolean[], otherWholly: boolean): number => {
    let total = 0;
    let unmatched = 0;
    let heaviestUnmatched = 0;
    for (let k = 0; k < weights.length; k++) {
      total += weights[k];
      if (used[k]) continue;
      unmatched += weights[k];
      heaviestUnmatched = Math.max(heaviestUnmatched, weights[k]);
    }
    if (!tolerant) return total;
    return total - (otherWholly ? unmatched : heaviestUnmatched) / 2;
  };
  const total = side(weightsA, usedA, wholly(usedB)) + side(weightsB, usedB, wholly(usedA));
  return { score: total === 0 ? 0 : Math.min(1, matched / total), shared };
}

/** Weights of a corpus that says nothing: each token weighs what its kind weighs. */
const KIND_WEIGHT: TokenWeight = (token) => token.weight;

/**
 * Name similarity in [0, 1] on the corpus's token weights (see `corpusAlignment`), also trying the
 * distinctive tokens written as one word (which meet only without typo allowance). A name of only
 * common words ("MINISTRY OF STATE SECURITY") scores 1 when the other is the same whole name, else 0.
 */
export function compareWithCorpus(a: Pick<ComparableName, 'tokens' | 'joined'>, b: Pick<ComparableName, 'tokens' | 'joined'>, weightOf: TokenWeight): TokenAlignment {
  const distinctive = (name: Pick<ComparableName, 'tokens'>) => name.tokens.some((token) => token.kind === 'distinctive');
  if (!distinctive(a) || !distinctive(b)) {
    const whole = (name: Pick<ComparableName, 'tokens'>) => name.tokens.map((token) => token.text).sort().join(' ');
    return a.tokens.length > 0 && whole(a) === whole(b) ? { score: 1, shared: b.tokens.map((token) => token.text) } : NO_ALIGNMENT;
  }
  let best = corpusAlignment(a.tokens, b.tokens, weightOf);
  if (a.joined === undefined && b.joined === undefined) return best;
  const joinedA = collapsed(a);
  const joinedB = collapsed(b);
  // Joined tokens come first in a collapsed list.
  for (const [left, strictLeft] of [[a.tokens, -1], [joinedA, 0]] as const) {
    for (const [right, strictRight] of [[b.tokens, -1], [joinedB, 0]] as const) {
      if (left === undefined || right === undefined || (strictLeft === -1 && strictRight === -1)) continue;
      const candidate = corpusAlignment(left, right, weightOf, strictLeft, strictRight);
      // Strictly better only (sums in another order differ in the last bits): the names as written explain best.
      if (candidate.score > best.score + BOUND_SLACK) best = candidate;
    }
  }
  return best;
}
