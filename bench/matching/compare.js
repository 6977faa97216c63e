#!/usr/bin/env node
/* eslint-disable */
// Identity check of the matcher: the FuzzyReferenceIndex in libs/matching against the frozen copy
// of the matcher before the columnar index (bench/matching/baseline/), side by side on
//   - the evaluation names (test/fixtures/matching/eval-set.jsonl) made into two lists with aliases,
//     weak aliases, identifiers, persons and countries, queried by name, partial name, alias,
//     acronym, identifier and as persons;
//   - the same with a very common leading word (Latin, Chinese, Greek, Arabic) in 40 % of the
//     names and queries, so that the index clusters them (name patterns, cluster scans);
//   - the benchmark's synthetic names and queries (bench/matching/synthetic.js),
// for minScore 0.3, 0.5, 0.7 and 0.97 (and 0, where every hit is scored, on the evaluation
// names). Every lookup's candidates must be identical (JSON text: the same candidates, order,
// scores, features and their key order), or, since the index also collects one-letter typos of
// the text (2026-11-22), the old candidates unchanged and in order with new ones among them: an
// *addition*. Any other difference gives exit code 1.
// The new index is built by the constructor for some floors and by the async `build` for others.
// Compiles the TypeScript itself (swc), so no `npm run build` is needed.
//
//   node bench/matching/compare.js                                  # 10^5 bench entities, 6,000 queries
//   COMPARE_ENTITIES=1000000 COMPARE_QUERIES=2000 node bench/matching/compare.js   # the bench's own queries
// Prints a JSON report (stdout) and a line per case (stderr).
'use strict';
const { spawnSync } = require('node:child_process');

// Two indexes of up to 10^6 entities side by side need room for the heap.
if (!process.execArgv.some((arg) => arg.startsWith('--max-old-space-size'))) {
  const result = spawnSync(process.execPath, ['--max-old-space-size=16384', ...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');
const { syntheticBench } = require('./synthetic');

const root = path.join(__dirname, '..', '..');
const ENTITIES = Number(process.env.COMPARE_ENTITIES ?? 100000);
const QUERIES = Number(process.env.COMPARE_QUERIES ?? 6000);
const SEED = Number(process.env.BENCH_SEED ?? 20261122);
const MIN_SCORES = [0.3, 0.5, 0.7, 0.97];
const EVALUATION_MIN_SCORES = [0, ...MIN_SCORES];
// Leading words for the clustered case: each is in about a tenth of the names.
const COMMON_WORDS = ['Beijing', '北京', 'Αθήνα', 'بغداد'];
const SHOWN_DIFFERENCES = 10;

// ---------- TypeScript on require, with the tsconfig path aliases ----------

const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      target: 'es2022',
      baseUrl: root,
      paths: compilerOptions.paths,
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const current = require(path.join(root, 'libs', 'matching', 'src', 'index.ts')).FuzzyReferenceIndex;
const frozen = require(path.join(__dirname, 'baseline', 'fuzzy-reference-index.ts')).FuzzyReferenceIndex;

// ---------- the evaluation names as lists and queries ----------

function evaluationCase(commonWords = false) {
  const pairs = fs
    .readFileSync(path.join(root, 'test', 'fixtures', 'matching', 'eval-set.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  const countries = new Map();
  for (const pair of pairs) {
    if (pair.queryCountry !== undefined && !countries.has(pair.query)) countries.set(pair.query, pair.queryCountry);
    if (pair.candidateCountry !== undefined && !countries.has(pair.candidate)) countries.set(pair.candidate, pair.candidateCountry);
  }
  const withCommonWord = (name, i) => (commonWords && i % 5 < 2 ? `${COMMON_WORDS[i % 4]} ${name}` : name);
  const names = [...new Set(pairs.flatMap((pair) => [pair.candidate, pair.query]))].map(withCommonWord);
  const initials = (name) =>
    name
      .split(/\s+/)
      .filter((word) => word !== '')
      .map((word) => word[0])
      .join('')
      .toUpperCase();
  const lists = [
    { listId: 'eval-sanctions', version: 3, kind: 'sanctions', entries: [], topicSeverity: { sanction: 'high' } },
    { listId: 'eval-nro', version: 1, kind: 'research_security', entries: [] },
  ];
  names.forEach((name, i) => {
    const entry = {
      entryId: `n${i}`,
      schema: i % 10 === 9 ? 'person' : 'organisation',
      name,
      ...(countries.has(name) ? { country: countries.get(name) } : i % 3 === 0 ? { country: 'XA' } : {}),
      topics: i % 2 === 0 ? ['sanction'] : ['export.control', 'mil'],
      ...(i % 4 === 0 ? { aliases: [names[(i + 3) % names.length]] } : {}),
      ...(i % 6 === 0 ? { weakAliases: [initials(name)] } : {}),
      ...(i % 9 === 0 ? { identifiers: { registration: `R-${i % 500}`, ...(i % 15 === 0 ? { lei: `5299${i % 300}` } : {}) } } : {}),
      ...(i % 8 === 0 ? { lastChange: '2026-01-01' } : {}),
    };
    lists[i % 5 === 0 ? 1 : 0].entries.push(entry);
  });
  const queries = [];
  names.forEach((name, i) => {
    const country = countries.get(name);
    queries.push({ name, subjectKind: 'organisation', ...(country !== undefined ? { country } : {}) });
    const words = name.split(/\s+/).filter((word) => word !== '');
    if (i % 2 === 0 && words.length > 1) queries.push({ name: words.slice(1).join(' '), subjectKind: 'organisation', country: 'XB' });
    if (i % 3 === 0) queries.push({ name, aliases: [names[(i + 1) % names.length]], subjectKind: 'organisation' });
    if (i % 7 === 0) queries.push({ name, subjectKind: 'person' });
    if (i % 11 === 0) queries.push({ name: names[(i + 5) % names.length], identifiers: { registration: `r ${i % 500}` }, subjectKind: 'organisation' });
    if (i % 13 === 0) queries.push({ name: initials(name), subjectKind: 'organisation' });
  });
  return { name: commonWords ? 'evaluation names with common words' : 'evaluation names', lists, queries, minScores: EVALUATION_MIN_SCORES };
}

function benchCase() {
  const { entries, queries } = syntheticBench({ entities: ENTITIES, queryCount: QUERIES, seed: SEED });
  return {
    name: `bench names (${ENTITIES} entities)`,
    lists: [{ listId: 'bench', version: 1, kind: 'sanctions', entries }],
    queries: queries.map((query) => ({ name: query.name, subjectKind: 'organisation' })),
    minScores: MIN_SCORES,
  };
}

// ---------- comparison ----------

const immediate = () => new Promise((resolve) => setImmediate(resolve));

/** Every expected candidate in `actual`, unchanged and in the same order, with others among them. */
function additionsOnly(expected, actual) {
  const texts = actual.map((candidate) => JSON.stringify(candidate));
  let at = 0;
  for (const candidate of expected) {
    const text = JSON.stringify(candidate);
    while (at < texts.length && texts[at] !== text) at++;
    if (at === texts.length) return false;
    at++;
  }
  return true;
}

async function compareCase({ name, lists, queries, minScores }) {
  const report = { case: name, entries: lists.reduce((sum, list) => sum + list.entries.length, 0), lookups: 0, differences: 0, additions: 0, addedCandidates: 0, byMinScore: {} };
  const shown = [];
  const shownAdditions = [];
  for (const [n, minScore] of minScores.entries()) {
    const before = new frozen(lists, { minScore });
    const after = n % 2 === 0 ? new current(lists, { minScore }) : await current.build(lists, { minScore }, immediate, 20);
    let differences = 0;
    let additions = 0;
    let added = 0;
    let candidates = 0;
    for (const query of queries) {
      const found = before.lookup(query);
      const now = after.lookup(query);
      const expected = JSON.stringify(found);
      const actual = JSON.stringify(now);
      candidates += found.length;
      if (expected === actual) continue;
      if (additionsOnly(found, now)) {
        additions++;
        added += now.length - found.length;
        if (shownAdditions.length < SHOWN_DIFFERENCES) shownAdditions.push({ minScore, query: query.name, added: now.filter((c) => !found.some((f) => f.listId === c.listId && f.entryId === c.entryId)).map((c) => `${c.matchedName} ${c.score}`) });
        continue;
      }
      differences++;
      if (shown.length < SHOWN_DIFFERENCES) shown.push({ minScore, query, expected: JSON.parse(expected), actual: JSON.parse(actual) });
    }
    report.lookups += queries.length;
    report.differences += differences;
    report.additions += additions;
    report.addedCandidates += added;
    report.byMinScore[minScore] = { lookups: queries.length, candidates, differences, additions, addedCandidates: added, builtBy: n % 2 === 0 ? 'constructor' : 'build' };
  }
  if (shown.length > 0) report.firstDifferences = shown;
  if (shownAdditions.length > 0) report.firstAdditions = shownAdditions;
  return report;
}

async function main() {
  const reports = [];
  for (const makeCase of [() => evaluationCase(), () => evaluationCase(true), benchCase]) {
    const report = await compareCase(makeCase());
    reports.push(report);
    process.stderr.write(`${report.case}: ${report.lookups} lookups, ${report.differences} differences, ${report.additions} with added candidates (${report.addedCandidates})\n`);
  }
  const sum = (field) => reports.reduce((total, r) => total + r[field], 0);
  const total = { lookups: sum('lookups'), differences: sum('differences'), additions: sum('additions'), addedCandidates: sum('addedCandidates') };
  process.stdout.write(`${JSON.stringify({ comparison: 'matching', total, cases: reports }, null, 2)}\n`);
  process.exit(total.differences === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
