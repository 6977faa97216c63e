#!/usr/bin/env node
/* eslint-disable */
// Index build and lookup times on the real US lists of shared/data/real-lists (OFAC SDN and
// consolidated, BIS DPL, CSL subset), read through the upload's own readers; queries are the
// entries' primary names and every OFAC alternate name. Not part of CI.
//
//   npm run build && npm run bench:matching:real
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.join(__dirname, '..', '..');
const dist = path.join(root, 'dist', 'apps', 'worker', 'libs');
const lists = path.join(root, '..', 'shared', 'data', 'real-lists');
for (const required of [path.join(dist, 'matching', 'src', 'index.js'), path.join(dist, 'reference-lists', 'src', 'index.js'), path.join(lists, 'sdn.csv')]) {
  if (!fs.existsSync(required)) {
    console.error(`${required} is missing: run \`npm run build\` first (and keep shared/ beside the repository)`);
    process.exit(1);
  }
}
const { FuzzyReferenceIndex } = require(path.join(dist, 'matching', 'src', 'index.js'));
const { readOfacPublication, readBisDeniedPersons, readUsConsolidatedScreeningList } = require(path.join(dist, 'reference-lists', 'src', 'index.js'));

const file = (name) => fs.createReadStream(path.join(lists, name));
async function entries(rows) {
  const out = [];
  for await (const { row } of rows) if (row.entry) out.push(row.entry);
  return out;
}
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

(async () => {
  const read = performance.now();
  const all = [
    { listId: 'ofac-sdn', version: 1, kind: 'sanctions', entries: await entries(readOfacPublication({ set: 'sdn', primary: file('sdn.csv'), alt: file('alt.csv'), add: file('add.csv'), comments: file('sdn_comments.csv') })) },
    { listId: 'ofac-cons', version: 1, kind: 'sanctions', entries: await entries(readOfacPublication({ set: 'cons', primary: file('cons_prim.csv'), alt: file('cons_alt.csv'), add: file('cons_add.csv'), comments: file('cons_comments.csv') })) },
    { listId: 'bis-dpl', version: 1, kind: 'export_control', entries: await entries(readBisDeniedPersons(file('dpl.txt'))) },
    { listId: 'us-csl', version: 1, kind: 'export_control', entries: await entries(readUsConsolidatedScreeningList(file('csl.csv'))) },
  ];
  const readMs = performance.now() - read;
  const count = all.reduce((sum, list) => sum + list.entries.length, 0);
  const names = all.reduce((sum, list) => sum + list.entries.reduce((n, e) => n + 1 + (e.aliases?.length ?? 0) + (e.weakAliases?.length ?? 0) + (e.formerNames?.length ?? 0), 0), 0);
  global.gc?.();
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const index = new FuzzyReferenceIndex(all);
  const buildMs = performance.now() - started;
  const queries = [];
  for (const list of all) {
    for (const entry of list.entries) {
      const kind = entry.schema === 'person' ? 'person' : 'organisation';
      queries.push({ name: entry.name, subjectKind: kind });
      for (const alias of entry.aliases ?? []) queries.push({ name: alias, subjectKind: kind });
    }
  }
  for (const query of queries.slice(0, 2000)) index.lookup(query); // warm-up
  const times = [];
  let candidates = 0;
  for (const query of queries) {
    const t = performance.now();
    candidates += index.lookup(query).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const r = (x) => Math.round(x * 1000) / 1000;
  console.log(JSON.stringify({
    entries: count, names, readMs: Math.round(readMs), buildMs: Math.round(buildMs), rssGrowthMb: Math.round((process.memoryUsage().rss - before) / 1e6),
    queries: queries.length, candidatesPerQuery: r(candidates / queries.length),
    p50ms: r(percentile(times, 50)), p90ms: r(percentile(times, 90)), p99ms: r(percentile(times, 99)), maxMs: r(times[times.length - 1]),
  }, null, 2));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
