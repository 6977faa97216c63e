// Matching measured on real names: the real lists of shared/data/real-lists as Ajar indexes them,
// queried with their own names, OFAC's alternate spellings, script renderings, and real
// organisations and researcher names that are not listed (see data/README.md).
import { DEFAULT_MATCH_THRESHOLD, FuzzyReferenceIndex } from '@ajar/matching';
import type { ReferenceCandidate, ReferenceList, ReferenceListEntry, SubjectKind } from '@ajar/appraisal';
import { evaluationData, ofacAlternateNames, type OfacAlternateName } from './real-lists';

export interface CategoryResult {
  readonly category: string;
  /** Positives: queries that should find their entry; negatives: queries that should find nothing. */
  readonly kind: 'recall' | 'false-candidate-rate';
  readonly n: number;
  /** Recall: found; false-candidate rate: queries with any candidate at or above the threshold. */
  readonly hits: number;
  readonly rate: number;
  readonly examples: readonly string[];
}

interface ScriptPair {
  readonly script?: string;
  readonly query?: string;
  readonly latin: string;
  readonly entNum: string;
  readonly file: string;
  readonly schema: SubjectKind;
  readonly language?: string;
}

const ENTRY_PREFIX: ReadonlyMap<string, string> = new Map([
  ['sdn.csv', 'ofac-sdn-'],
  ['cons_prim.csv', 'ofac-cons-'],
]);

function kindsOf(entry: ReferenceListEntry): SubjectKind[] {
  return entry.schema === 'legalEntity' ? ['organisation', 'person'] : [entry.schema];
}

function describe(candidate: ReferenceCandidate | undefined): string {
  return candidate === undefined ? 'nothing' : `${candidate.matchedName} (${candidate.entryId}) ${candidate.score} ${JSON.stringify(candidate.features)}`;
}

// Words that say nothing of which name it is (articles, particles, legal forms, kinds of body),
// so that "AL AMIN TRUST" is not taken for a spelling of "AL RASHID TRUST". A fixed list of the
// evaluation's own, independent of the matcher's vocabulary.
const FILLER_WORDS = new Set([
  'al', 'el', 'the', 'of', 'and', 'for', 'de', 'del', 'la', 'le', 'des', 'du', 'y', 'e', 'bin', 'ibn', 'abu', 'ltd', 'ltda', 'limited',
  'sa', 'cv', 'srl', 'co', 'inc', 'llc', 'company', 'corp', 'corporation', 'trust', 'foundation', 'organization', 'organisation',
  'group', 'association', 'society', 'committee', 'international', 'general', 'trading', 'import', 'export',
]);

/** Plain tokens for the variant test below: no accents, lower case, letters and digits, no filler words. */
function plainTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 1 && !FILLER_WORDS.has(token));
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length];
}

function closeTokens(a: string, b: string): boolean {
  if (a === b) return true;
  const similarity = 1 - levenshtein(a, b) / Math.max(a.length, b.length);
  return similarity >= 0.75 || (similarity >= 0.5 && a[0] === b[0]);
}

/**
 * An alternate name is a spelling variant of the primary when, judged independently of the
 * matcher (plain edit distance per word, filler words aside), its words meet the primary's: all of
 * them for names of one or two words, all but one for longer names, and at least half of the
 * longer name's words. Kunyas, translations and new names ("ISLAMIC RESISTANCE MOVEMENT" for
 * "HAMAS", "AL AMIN TRUST" for "AL RASHID TRUST") are not.
 */
export function isSpellingVariant(alternate: string, primary: string): boolean {
  const a = plainTokens(alternate);
  const p = plainTokens(primary);
  if (a.length === 0 || p.length === 0 || a.join(' ') === p.join(' ')) return false;
  const used = new Set<number>();
  let matched = 0;
  for (const token of a) {
    const at = p.findIndex((other, index) => !used.has(index) && closeTokens(token, other));
    if (at >= 0) {
      used.add(at);
      matched += 1;
    }
  }
  const shorter = Math.min(a.length, p.length);
  return matched >= shorter - (shorter >= 3 ? 1 : 0) && matched >= Math.ceil(Math.max(a.length, p.length) / 2);
}

export class RealListEvaluation {
  private readonly full: FuzzyReferenceIndex;
  private readonly primaryOnly: FuzzyReferenceIndex;
  private readonly entries = new Map<string, ReferenceListEntry>();

  constructor(private readonly lists: readonly ReferenceList[]) {
    this.full = new FuzzyReferenceIndex(lists);
    this.primaryOnly = new FuzzyReferenceIndex(
      lists.map((list) => ({ ...list, entries: list.entries.map(({ aliases: _a, weakAliases: _w, formerNames: _f, ...entry }) => entry) })),
    );
    for (const list of lists) for (const entry of list.entries) this.entries.set(entry.entryId, entry);
  }

  entryCount(): number {
    return this.entries.size;
  }

  /** The best candidate for the entry among the query's candidates at or above the threshold, over the kinds it may be. */
  private finds(index: FuzzyReferenceIndex, name: string, entryId: string, kinds: readonly SubjectKind[]): { found: boolean; best: ReferenceCandidate | undefined } {
    let best: ReferenceCandidate | undefined;
    for (const subjectKind of kinds) {
      const candidates = index.lookup({ name, subjectKind });
      const own = candidates.find((candidate) => candidate.entryId === entryId);
      if (own !== undefined && own.score >= DEFAULT_MATCH_THRESHOLD) return { found: true, best: own };
      best ??= own ?? candidates[0];
    }
    return { found: false, best };
  }

  private recall(category: string, queries: readonly { name: string; entryId: string; kinds: readonly SubjectKind[] }[], index = this.full): CategoryResult {
    let hits = 0;
    const examples: string[] = [];
    for (const query of queries) {
      const { found, best } = this.finds(index, query.name, query.entryId, query.kinds);
      if (found) hits += 1;
      else examples.push(`${query.name} → ${this.entries.get(query.entryId)?.name} (${query.entryId}); best: ${describe(best)}`);
    }
    return { category, kind: 'recall', n: queries.length, hits, rate: queries.length === 0 ? 1 : hits / queries.length, examples };
  }

  private falseCandidates(category: string, queries: readonly { name: string; country?: string; kind: SubjectKind }[]): CategoryResult {
    let hits = 0;
    const examples: string[] = [];
    for (const query of queries) {
      const candidates = this.full.lookup({ name: query.name, subjectKind: query.kind, ...(query.country !== undefined ? { country: query.country } : {}) });
      const candidate = candidates.find((item) => item.score >= DEFAULT_MATCH_THRESHOLD);
      if (candidate !== undefined) {
        hits += 1;
        examples.push(`${query.name}${query.country ? ` (${query.country})` : ''} → ${describe(candidate)}`);
      }
    }
    return { category, kind: 'false-candidate-rate', n: queries.length, hits, rate: queries.length === 0 ? 0 : hits / queries.length, examples };
  }

  primaryNames(): CategoryResult[] {
    const all = [...this.entries.values()].map((entry) => ({ name: entry.name, entryId: entry.entryId, kinds: kindsOf(entry) }));
    return [
      this.recall('primary names find their entry: persons', all.filter((query) => this.entries.get(query.entryId)?.schema === 'person')),
      this.recall('primary names find their entry: organisations and legal entities', all.filter((query) => this.entries.get(query.entryId)?.schema !== 'person')),
    ];
  }

  /** OFAC aka/nka spellings against an index of primary names only; fka (former names) against the full index. */
  alternateNames(alternates: readonly OfacAlternateName[] = ofacAlternateNames()): CategoryResult[] {
    const variants = alternates.filter((alternate) => {
      const entry = this.entries.get(alternate.entryId);
      return entry !== undefined && (alternate.type === 'aka' || alternate.type === 'nka') && isSpellingVariant(alternate.name, entry.name);
    });
    const query = (alternate: OfacAlternateName) => {
      const entry = this.entries.get(alternate.entryId) as ReferenceListEntry;
      return { name: alternate.name, entryId: entry.entryId, kinds: kindsOf(entry) };
    };
    const isPerson = (alternate: OfacAlternateName) => this.entries.get(alternate.entryId)?.schema === 'person';
    const former = alternates.filter((alternate) => alternate.type === 'fka' && this.entries.has(alternate.entryId));
    return [
      this.recall('alias spelling variants (primary-only index): persons', variants.filter(isPerson).map(query), this.primaryOnly),
      this.recall('alias spelling variants (primary-only index): organisations', variants.filter((alternate) => !isPerson(alternate)).map(query), this.primaryOnly),
      this.recall('former names (fka)', former.map(query)),
    ];
  }

  private pairs(category: string, file: string): CategoryResult {
    const queries = evaluationData<ScriptPair[]>(file).map((pair) => ({
      name: pair.script ?? pair.query ?? '',
      entryId: `${ENTRY_PREFIX.get(pair.file) ?? 'unknown-'}${pair.entNum}`,
      kinds: [pair.schema],
    }));
    return this.recall(category, queries);
  }

  scriptsAndSpellings(): CategoryResult[] {
    return [
      this.pairs('Arabic script → listed Latin spelling', 'arabic-latin-pairs.json'),
      this.pairs('Hangul / Japanese → listed Latin spelling', 'east-asian-pairs.json'),
      this.pairs('spelling variants (British/American, transliteration)', 'spelling-variant-pairs.json'),
    ];
  }

  notListed(): CategoryResult[] {
    const organisations = evaluationData<{ name: string; country: string; hardNegative: boolean }[]>('real-non-listed-organisations.json');
    const people = evaluationData<{ name: string }[]>('common-researcher-names.json');
    return [
      this.falseCandidates('real organisations not listed: all', organisations.map((item) => ({ name: item.name, country: item.country, kind: 'organisation' as const }))),
      this.falseCandidates('real organisations not listed: hard negatives', organisations.filter((item) => item.hardNegative).map((item) => ({ name: item.name, country: item.country, kind: 'organisation' as const }))),
      this.falseCandidates('common researcher names', people.map((item) => ({ name: item.name, kind: 'person' as const }))),
    ];
  }
}

export function formatResults(results: readonly CategoryResult[]): string {
  const lines = [`${'category'.padEnd(72)} ${'n'.padStart(6)} ${'hits'.padStart(6)}   measure`];
  for (const result of results) {
    const measure = result.kind === 'recall' ? `recall ${result.rate.toFixed(3)}` : `false candidates ${(result.rate * 100).toFixed(1)} %`;
    lines.push(`${result.category.padEnd(72)} ${String(result.n).padStart(6)} ${String(result.hits).padStart(6)}   ${measure}`);
  }
  return lines.join('\n');
}
