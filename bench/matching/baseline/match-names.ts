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

/** Weighted Dice of two token lists under a greedy best-first one-to-one alignment. */
function align(a: readonly NameToken[], b: readonly NameToken[]): TokenAlignment {
  const pairs: { i: number; j: number; similarity: number }[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const similarity = tokenSimilarity(a[i], b[j]);
      if (similarity > 0) pairs.push({ i, j, similarity });
    }
  }
  // Ties broken by position so that the alignment, and so the score, is deterministic.
  pairs.sort((p, q) => q.similarity - p.similarity || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matched = 0;
  const shared: string[] = [];
  for (const { i, j, similarity } of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    matched += similarity * (a[i].weight + b[j].weight);
    if (a[i].kind === 'distinctive' && b[j].kind === 'distinctive') shared.push(a[i].text);
  }
  // A hit needs a distinctive token on both sides: generic and sector words alone never match.
  if (shared.length === 0) return { score: 0, shared };
  const total = a.reduce((sum, t) => sum + t.weight, 0) + b.reduce((sum, t) => sum + t.weight, 0);
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
const BOUND_SLACK = 1e-9;

/**
 * `compareAnalysed` for a caller that discards scores below `floor`: the same result whenever the
 * score reaches `floor`, and a score below `floor` (possibly 0) otherwise. Skips the alignment of
 * token lists that cannot reach `floor`, which is most candidates of a large index. The collapsed
 * token lists can be passed precomputed.
 */
export function compareAnalysedAbove(
  a: AnalysedName,
  b: AnalysedName,
  floor: number,
  joinedA: readonly NameToken[] | undefined = collapsed(a),
  joinedB: readonly NameToken[] | undefined = collapsed(b),
): TokenAlignment {
  let best = NO_ALIGNMENT;
  const consider = (left: readonly NameToken[], right: readonly NameToken[]) => {
    if (alignBound(left, right) < floor - BOUND_SLACK) return;
    const candidate = align(left, right);
    if (best === NO_ALIGNMENT || candidate.score > best.score) best = candidate;
  };
  consider(a.tokens, b.tokens);
  if (joinedB !== undefined) consider(a.tokens, joinedB);
  if (joinedA !== undefined) {
    consider(joinedA, b.tokens);
    if (joinedB !== undefined) consider(joinedA, joinedB);
  }
  return best;
}

export function collapsed(name: AnalysedName): readonly NameToken[] | undefined {
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
export function isAcronymOf(a: AnalysedName, b: AnalysedName): boolean {
  return (
    (a.acronym !== undefined && b.initials.length >= 2 && a.acronym === b.initials) ||
    (b.acronym !== undefined && a.initials.length >= 2 && b.acronym === a.initials)
  );
}

export type CountryFeature = 'agree' | 'mismatch' | 'unknown';

export function countryFeature(a: string | undefined, b: string | undefined): CountryFeature {
  if (a === undefined || b === undefined || a.trim() === '' || b.trim() === '') return 'unknown';
  return a.trim().toLowerCase() === b.trim().toLowerCase() ? 'agree' : 'mismatch';
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
  const { score: nameScore, shared } = compareAnalysed(left, right);
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
