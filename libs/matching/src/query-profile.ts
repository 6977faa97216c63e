// A lookup's query tokens in the form the pre-filter compares them, and the cheap tests that rule
// out a list token's similarity to them without comparing spellings.
import {
  RECORD_SHAPE,
  RECORD_WIDTH,
  SHAPE_ABJAD,
  SHAPE_COMMON,
  SHAPE_GREEK,
  SHAPE_KEY_LENGTH_SHIFT,
  SHAPE_LENGTH_MASK,
  cappedLength,
} from './name-index';
import type { AnalysedName, NameToken } from './normalise-organisation-name';
import { letterMask, popcount, repeatedLetterMask } from './phonetic-key';

// The pre-filter keeps one bit per query token; queries with more tokens are scored without it.
export const MAX_FILTERED_QUERY_TOKENS = 32;

/**
 * The tokens of a lookup's query names as bits (tokens of each name, then its joined token), with
 * what the pre-filter compares: letter bits, lengths and weights, and per query name its two
 * alignment sides (its tokens; its joined token with its other words) as bits and total weight.
 */
export class QueryProfile {
  readonly tokens: NameToken[] = [];
  /** Per token `QUERY_TOKEN_WIDTH` numbers: the four letter masks of `TOKEN_LETTERS`, text and key length. */
  private readonly numbers: number[] = [];
  private readonly weights: number[] = [];
  distinctiveBits = 0;
  /** A query token from Arabic, Hebrew or Greek script: similarity is then checked exactly. */
  exotic = false;
  /** Side 2q: the tokens of query name q; side 2q + 1: its collapsed tokens (bits 0 without a joined token). */
  readonly sideBits: number[] = [];
  readonly sideWeights: number[] = [];
  readonly names: readonly AnalysedName[];
  /** Some query name is an acronym; some has initials (see `isAcronymOf`); letters of each one's initials. */
  readonly acronyms: boolean;
  readonly initials: boolean;
  readonly initialsLetters: readonly number[];
  /** `numbers` as a typed array, filled once all tokens are added. */
  readonly packed: Int32Array;

  constructor(names: readonly AnalysedName[]) {
    this.names = names;
    for (const name of names) {
      let tokenBits = 0;
      let tokenWeight = 0;
      let otherBits = 0;
      let otherWeight = 0;
      for (const token of name.tokens) {
        const bit = this.add(token);
        tokenBits |= bit;
        tokenWeight += token.weight;
        if (token.kind !== 'distinctive') {
          otherBits |= bit;
          otherWeight += token.weight;
        }
      }
      this.sideBits.push(tokenBits, name.joined === undefined ? 0 : this.add(name.joined) | otherBits);
      this.sideWeights.push(tokenWeight, name.joined === undefined ? 0 : name.joined.weight + otherWeight);
    }
    this.packed = Int32Array.from(this.numbers);
    this.acronyms = names.some((name) => name.acronym !== undefined);
    this.initials = names.some((name) => name.initials.length >= 2);
    this.initialsLetters = names.map((name) => letterMask(name.initials));
  }

  get usable(): boolean {
    return this.tokens.length <= MAX_FILTERED_QUERY_TOKENS;
  }

  /** Total weight of the tokens in `bits`. */
  weightOf(bits: number): number {
    let weight = 0;
    for (let rest = bits; rest !== 0; rest &= rest - 1) weight += this.weights[31 - Math.clz32(rest & -rest)];
    return weight;
  }

  private add(token: NameToken): number {
    const bit = 1 << this.tokens.length;
    this.tokens.push(token);
    this.numbers.push(
      token.letters,
      token.keyLetters,
      repeatedLetterMask(token.text),
      repeatedLetterMask(token.key),
      cappedLength(token.text.length),
      cappedLength(token.key.length),
    );
    this.weights.push(token.weight);
    if (token.kind === 'distinctive') this.distinctiveBits |= bit;
    if (token.abjad || token.greek) this.exotic = true;
    return bit;
  }
}

export const QUERY_TOKEN_WIDTH = 6;

/**
 * The edits `tokenSimilarity` allows between tokens of these text lengths: one from 4 letters, two
 * from 8; below 4 only equal text or key counts, which is 0 edits for the tests below.
 */
export function editLimit(textLength: number, otherTextLength: number): number {
  const shorter = textLength < otherTextLength ? textLength : otherTextLength;
  return shorter < 4 ? 0 : shorter >= 8 ? 2 : 1;
}

/**
 * The first test slot from `start` on (query token q: slot 2q by text, 2q + 1 by key) where the
 * lengths and letter masks of the token record at `at` and the query token allow a distance
 * within the limit, or -1. An edit moves a length by at most one and flips at most two bits of
 * the masks (`repeatedLetterMask`), so a slot not returned cannot be similar that way.
 */
export function maskAllows(records: Int32Array, at: number, query: Int32Array, start: number): number {
  const shape = records[at + RECORD_SHAPE];
  const textLength = shape & SHAPE_LENGTH_MASK;
  const keyLength = (shape >>> SHAPE_KEY_LENGTH_SHIFT) & SHAPE_LENGTH_MASK;
  const letters = records[at + 1];
  const keyLetters = records[at + 2];
  for (let q = (start >> 1) * QUERY_TOKEN_WIDTH; q < query.length; q += QUERY_TOKEN_WIDTH) {
    const queryTextLength = query[q + 4];
    const limit = editLimit(textLength, queryTextLength);
    const slot = (q / QUERY_TOKEN_WIDTH) * 2;
    if (slot >= start) {
      const gap = textLength - queryTextLength;
      if (gap <= limit && gap >= -limit) {
        const flipped = popcount(letters ^ query[q]);
        if (flipped <= 2 * limit && flipped + popcount(records[at + 3] ^ query[q + 2]) <= 2 * limit) return slot;
      }
    }
    const gap = keyLength - query[q + 5];
    if (gap <= limit && gap >= -limit) {
      const flipped = popcount(keyLetters ^ query[q + 1]);
      if (flipped <= 2 * limit && flipped + popcount(records[at + 4] ^ query[q + 3]) <= 2 * limit) return slot + 1;
    }
  }
  return -1;
}

/**
 * The first token record in `from..to` that is not of a common token and that `maskAllows` lets
 * through for some query token (any such record when `exotic`, or when its token is from Arabic,
 * Hebrew or Greek script: those are compared exactly), or -1. The hot loop of a lookup, so the
 * test of `maskAllows` is written out here.
 */
export function uncommonMaskAllows(records: Int32Array, from: number, to: number, query: Int32Array, exotic: boolean): number {
  for (let at = from; at < to; at += RECORD_WIDTH) {
    const shape = records[at + RECORD_SHAPE];
    if ((shape & SHAPE_COMMON) !== 0) continue;
    if (exotic || (shape & (SHAPE_ABJAD | SHAPE_GREEK)) !== 0) return at;
    const textLength = shape & SHAPE_LENGTH_MASK;
    const keyLength = (shape >>> SHAPE_KEY_LENGTH_SHIFT) & SHAPE_LENGTH_MASK;
    const letters = records[at + 1];
    const keyLetters = records[at + 2];
    for (let q = 0; q < query.length; q += QUERY_TOKEN_WIDTH) {
      const queryTextLength = query[q + 4];
      const shorter = textLength < queryTextLength ? textLength : queryTextLength;
      const limit = shorter < 4 ? 0 : shorter >= 8 ? 2 : 1;
      let gap = textLength - queryTextLength;
      if (gap <= limit && gap >= -limit) {
        const flipped = popcount(letters ^ query[q]);
        if (flipped <= 2 * limit && flipped + popcount(records[at + 3] ^ query[q + 2]) <= 2 * limit) return at;
      }
      gap = keyLength - query[q + 5];
      if (gap <= limit && gap >= -limit) {
        const flipped = popcount(keyLetters ^ query[q + 1]);
        if (flipped <= 2 * limit && flipped + popcount(records[at + 4] ^ query[q + 3]) <= 2 * limit) return at;
      }
    }
  }
  return -1;
}

/**
 * Whether the letter counts of `a` and `b` differ by more than `2 * limit` in sum: one edit
 * changes at most two counts by one, so then the distance is above `limit`. Letters share
 * counters modulo 128, which only lowers the sum.
 */
const letterCounts = new Int32Array(128);
export function letterCountsDiffer(a: string, b: string, limit: number): boolean {
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i) & 127]++;
  for (let i = 0; i < b.length; i++) letterCounts[b.charCodeAt(i) & 127]--;
  let difference = 0;
  for (let i = 0; i < a.length; i++) {
    const slot = a.charCodeAt(i) & 127;
    difference += Math.abs(letterCounts[slot]);
    letterCounts[slot] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const slot = b.charCodeAt(i) & 127;
    difference += Math.abs(letterCounts[slot]);
    letterCounts[slot] = 0;
  }
  return difference > 2 * limit;
}
