#!/usr/bin/env node
/* eslint-disable */
// List-delta benchmark (not part of CI; issue 19 point 4). On the matching benchmark's synthetic
// 10^6-entry list (bench/matching/synthetic.js), in one process run with --expose-gc:
//
//  1. Another tenant screens (20 lookups per screening, one screening every 100 ms, against its own
//     10^4-entry index) while tenant A's 10^6-entry index is built in slices, as the worker does:
//     the latency of each screening from when it was due to when it finished (event-loop waits
//     included): p50/p95/max.
//  2. A 10-entry version (4 added, 4 changed, 2 removed) applied to that index as a delta: time.
//  3. Resident memory: steady state (after the build, forced GC), then a minute after the delta's
//     swap (the old index dropped, forced GC); the same a minute after a swap by a full rebuild.
//     The delta index's answers to the 2,000 bench queries (and the changed names) are compared
//     with the rebuilt index's: they must be the same.
//  4. With PostgreSQL: the delta's read, the query service's full join of two 10^6-row versions
//     (the SQL the worker runs), on a bench database; read + apply is what a worker spends.
//
//   npx nest build worker && npx nest build migrate && npm run bench:delta
//   BENCH_ENTITIES=200000 BENCH_SETTLE_MS=10000 npm run bench:delta      # a quicker run
//   BENCH_PG=0 ...                                                        # skip PostgreSQL
//   BENCH_IN_MEMORY=0 ...                                                 # PostgreSQL only
//   BENCH_REBUILD=0 ...                                                   # skip the full-rebuild swap
//   BENCH_SCREENING_EVERY_MS=250 ...                                      # the other tenant's pace
'use strict';
const { spawnSync } = require('node:child_process');

// Re-run under --expose-gc (RSS after a full GC) with room for the heap.
if (typeof global.gc !== 'function') {
  const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', ...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance, PerformanceObserver } = require('node:perf_hooks');
const { syntheticBench } = require('../matching/synthetic');
const { sql, freshDatabase } = require('../harness');

const root = path.join(__dirname, '..', '..');
const DIST = path.join(root, 'dist', 'apps', 'worker', 'libs');
const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 1_000_000);
const OTHER_ENTITIES = Number(process.env.BENCH_OTHER_ENTITIES ?? 10_000);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 60_000);
const PG = process.env.BENCH_PG !== '0';
const REBUILD = process.env.BENCH_REBUILD !== '0';
const IN_MEMORY = process.env.BENCH_IN_MEMORY !== '0';
const SEED = Number(process.env.BENCH_SEED ?? 20261122);
const DATABASE_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/ajar_bench_delta';
const SCREENING_EVERY_MS = Number(process.env.BENCH_SCREENING_EVERY_MS ?? 100);
const LOOKUPS_PER_SCREENING = 20;

if (!fs.existsSync(path.join(DIST, 'matching', 'src', 'index.js'))) {
  console.error('dist is missing: run `npx nest build worker && npx nest build migrate` first');
  process.exit(1);
}
const { FuzzyReferenceIndex, DeltaReferenceIndex } = require(path.join(DIST, 'matching', 'src', 'index.js'));
const { ReferenceListQueryService } = require(path.join(DIST, 'reference-lists', 'src', 'infrastructure', 'reference-list.query-service.js'));

const pause = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes) => Math.round(bytes / 2 ** 20);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const strip = ({ _words, _legal, ...entry }) => entry;
function settledRss() {
  global.gc();
  global.gc();
  return mb(process.memoryUsage().rss);
}
const progress = (what) => console.error(`${new Date().toISOString()} ${what}`);
const list = (listId, version, entries) => ({ listId, version, kind: 'sanctions', entries });

/** Version 2 of `entries`: 4 added, 4 changed (renamed), 2 removed. */
function tenEntryDelta(entries) {
  const step = Math.floor(entries.length / 7);
  const changed = [1, 2, 3, 4].map((k) => ({ ...entries[k * step], name: `${entries[k * step].name} Renamed Holding` }));
  const removedEntryIds = [5, 6].map((k) => entries[k * step].entryId);
  const added = [1, 2, 3, 4].map((k) => ({ entryId: `new${k}`, schema: 'organisation', name: `Qorvexlo Zhentari ${k} Photonics Ltd`, country: 'CN', topics: ['sanction'] }));
  return { listId: 'watch', version: 2, upserted: [...changed, ...added], removedEntryIds };
}

async function inMemory(report) {
  let started = performance.now();
  const { entries: raw, queries } = syntheticBench({ entities: ENTITIES, queryCount: 2000, seed: SEED });
  const entries = raw.map(strip).sort((a, b) => (a.entryId < b.entryId ? -1 : 1));
  const other = syntheticBench({ entities: OTHER_ENTITIES, queryCount: 2000, seed: SEED + 1 });
  report.generatedMs = Math.round(performance.now() - started);
  const otherIndex = new FuzzyReferenceIndex([list('other', 1, other.entries.map(strip))]);
  const otherQueries = other.queries.map((query) => ({ name: query.name, subjectKind: 'organisation' }));
  const beforeBuildRss = settledRss();

  // 1. The other tenant's screenings while tenant A's index builds in slices.
  const latencies = [];
  let building = true;
  let next = 0;
  const screenings = (async () => {
    let due = performance.now();
    while (building) {
      const wait = due - performance.now();
      await (wait > 0 ? sleep(wait) : pause());
      for (let i = 0; i < LOOKUPS_PER_SCREENING; i++) otherIndex.lookup(otherQueries[next++ % otherQueries.length]);
      latencies.push(performance.now() - due);
      due += SCREENING_EVERY_MS;
    }
  })();
  progress('building the 10^6 index while the other tenant screens');
  // Garbage-collection pauses during the build: the main thread's stops the screenings wait through.
  const pauses = [];
  const gcObserver = new PerformanceObserver((list) => list.getEntries().forEach((entry) => pauses.push(entry.duration)));
  gcObserver.observe({ entryTypes: ['gc'] });
  started = performance.now();
  const base = await FuzzyReferenceIndex.build([list('watch', 1, entries)], {}, pause);
  report.buildMs = Math.round(performance.now() - started);
  building = false;
  await screenings;
  gcObserver.disconnect();
  pauses.sort((a, b) => a - b);
  report.gcDuringBuild = { pauses: pauses.length, totalMs: Math.round(pauses.reduce((sum, ms) => sum + ms, 0)), maxMs: Math.round(pauses[pauses.length - 1] ?? 0) };
  latencies.sort((a, b) => a - b);
  report.otherTenant = {
    screenings: latencies.length,
    p50Ms: Math.round(percentile(latencies, 50)),
    everyMs: SCREENING_EVERY_MS,
    p95Ms: Math.round(percentile(latencies, 95)),
    maxMs: Math.round(latencies[latencies.length - 1]),
  };

  // 2 and 3. Steady state, the delta, its swap.
  let current = DeltaReferenceIndex.of(base);
  const probe = queries.slice(0, 200).map((query) => ({ name: query.name, subjectKind: 'organisation' }));
  for (const query of probe) current.lookup(query);
  report.steadyRss = settledRss();
  report.beforeBuildRss = beforeBuildRss;
  progress('applying the 10-entry delta');
  const delta = tenEntryDelta(entries);
  started = performance.now();
  const applied = await current.next(delta, pause);
  report.deltaApplyMs = Math.round(performance.now() - started);
  current = applied;
  for (const query of probe) current.lookup(query);
  const found = current.lookup({ name: 'Qorvexlo Zhentari 3 Photonics', subjectKind: 'organisation' }).map((candidate) => `${candidate.entryId}@${candidate.listVersion}`);
  report.deltaFinds = found.slice(0, 1);
  // The delta index's answers, kept as text to compare with a fresh build of version 2 below.
  const compared = [...queries.map((query) => ({ name: query.name, subjectKind: 'organisation', country: 'CN' })), ...delta.upserted.map((entry) => ({ name: entry.name, subjectKind: 'organisation' }))];
  const deltaAnswers = compared.map((query) => JSON.stringify(current.lookup(query)));
  report.deltaSwapPeakRss = mb(process.memoryUsage().rss);
  progress('settling after the swap to the delta index');
  await sleep(SETTLE_MS);
  report.afterDeltaSwapRss = settledRss();

  if (REBUILD) {
    // A swap by a full rebuild (what every version did before): the old index must go too.
    const dropped = new Set(delta.removedEntryIds);
    const upserted = new Map(delta.upserted.map((entry) => [entry.entryId, entry]));
    const v2 = entries.filter((entry) => !dropped.has(entry.entryId)).map((entry) => upserted.get(entry.entryId) ?? entry);
    for (const entry of delta.upserted) if (!entries.some((known) => known.entryId === entry.entryId)) v2.push(entry);
    v2.sort((a, b) => (a.entryId < b.entryId ? -1 : 1));
    progress('rebuilding version 2 in full');
    started = performance.now();
    const rebuilt = DeltaReferenceIndex.of(await FuzzyReferenceIndex.build([list('watch', 2, v2)], {}, pause));
    report.rebuildMs = Math.round(performance.now() - started);
    report.rebuildPeakRss = mb(process.memoryUsage().rss);
    current = rebuilt;
    report.comparedQueries = compared.length;
    report.answersDifferingFromRebuild = compared.filter((query, at) => JSON.stringify(current.lookup(query)) !== deltaAnswers[at]).length;
    await sleep(SETTLE_MS);
    report.afterRebuildSwapRss = settledRss();
  }
  return current;
}

async function fromPostgres(report) {
  progress('loading two 10^6-row versions into PostgreSQL');
  await freshDatabase(DATABASE_URL);
  const tenant = '00000000-0000-4000-8000-000000000001';
  const id = (k) => 'e' + String(k * Math.floor(ENTITIES / 7)).padStart(7, '0');
  // Rows of about the synthetic entries' size; what the diff costs depends on rows and bytes, not names.
  const started = performance.now();
  await sql(
    DATABASE_URL,
    `INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry)
     SELECT $1, 'watch', 1, 'e' || lpad(g::text, 7, '0'),
            jsonb_build_object('entryId', 'e' || lpad(g::text, 7, '0'), 'schema', 'organisation',
                               'name', initcap(md5(g::text)) || ' ' || initcap(left(md5((g * 7)::text), 9)) || ' Photonics Ltd',
                               'country', 'CN', 'topics', jsonb_build_array('sanction'))
       FROM generate_series(1, $2::int) AS g`,
    [tenant, ENTITIES],
  );
  await sql(
    DATABASE_URL,
    `INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry)
     SELECT tenant_id, list_id, 2, entry_id,
            CASE WHEN entry_id = ANY($2::text[]) THEN entry || '{"name": "Renamed Holding"}' ELSE entry END
       FROM reference_list_entries WHERE tenant_id = $1 AND list_id = 'watch' AND version = 1 AND entry_id <> ALL($3::text[])
     UNION ALL
     SELECT $1, 'watch', 2, 'new' || k, jsonb_build_object('entryId', 'new' || k, 'schema', 'organisation', 'name', 'Qorvexlo ' || k, 'country', 'CN')
       FROM generate_series(1, 4) AS k`,
    [tenant, [1, 2, 3, 4].map(id), [5, 6].map(id)],
  );
  await sql(DATABASE_URL, 'ANALYZE reference_list_entries');
  report.pgRows = (await sql(DATABASE_URL, `SELECT version, count(*)::int AS rows FROM reference_list_entries GROUP BY version ORDER BY version`)).map((row) => row.rows);
  report.pgLoadMs = Math.round(performance.now() - started);
  const { Client } = require('pg');
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const service = new ReferenceListQueryService({ query: async (text, params) => (await client.query(text, params)).rows });
    const reads = [];
    let delta;
    for (let run = 0; run < 3; run++) {
      const at = performance.now();
      delta = await service.versionDelta(tenant, 'watch', 1, 2, 50_000);
      reads.push(Math.round(performance.now() - at));
    }
    report.pgDeltaReadMs = reads;
    report.pgDelta = { upserted: delta.upserted.length, removed: delta.removedEntryIds.length };
  } finally {
    await client.end();
  }
}

(async () => {
  const report = { entities: ENTITIES, otherTenantEntities: OTHER_ENTITIES, settleMs: SETTLE_MS, cpus: os.cpus().length, node: process.version };
  if (IN_MEMORY) await inMemory(report);
  if (PG) await fromPostgres(report);
  console.log(JSON.stringify(report, null, 2));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
