#!/usr/bin/env node
/* eslint-disable */
// Matching benchmark (not part of CI; Ajar #4 item 7 "Speed"). Generates a synthetic, deterministic
// list of organisation names, builds the compiled FuzzyReferenceIndex (time, RSS after GC), runs
// 2,000 queries (exact, one typo, word order, legal-suffix variant, unrelated) and reports
// p50/p90/p99 and recall; then runs a sample of the same queries through PostgreSQL pg_trgm
// (GIN trigram index, `%` with set_limit(0.3), ORDER BY similarity DESC LIMIT 5) on the same names.
//
//   npm run build && npm run bench:matching               # 10^6 entities
//   BENCH_QUICK=1 npm run bench:matching                  # 10^5 entities, 100 pg queries
//   BENCH_ENTITIES=200000 BENCH_PG_QUERIES=300 npm run bench:matching
//   BENCH_PG=0 ...                                        # skip PostgreSQL
//   BENCH_WARM_UP=200 ...                                 # warm-up queries (default 2,000)
'use strict';
const { spawnSync } = require('node:child_process');

// Re-run under --expose-gc (RSS after a full GC) with room for the heap.
if (typeof global.gc !== 'function') {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=12288', ...process.execArgv, __filename, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}

const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const root = path.join(__dirname, '..', '..');
// BENCH_MATCHING_DIST: another compiled copy (e.g. the frozen baseline) exporting FuzzyReferenceIndex.
const DIST = process.env.BENCH_MATCHING_DIST ?? path.join(root, 'dist', 'apps', 'worker', 'libs', 'matching', 'src', 'index.js');
const QUICK = process.env.BENCH_QUICK === '1';
const ENTITIES = Number(process.env.BENCH_ENTITIES ?? (QUICK ? 100000 : 1000000));
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2000);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 2000);
const PG_QUERIES = Number(process.env.BENCH_PG_QUERIES ?? (QUICK ? 100 : 500));
const PG = process.env.BENCH_PG !== '0';
const SEED = Number(process.env.BENCH_SEED ?? 20261122);
const DB = 'ajar_bench_matching';
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE_URL = process.env.BENCH_PG_URL ?? `postgres://postgres@127.0.0.1:5432/${DB}`;

if (!fs.existsSync(DIST)) {
  console.error(`${DIST} is missing: run \`npm run build\` first`);
  process.exit(1);
}
const { FuzzyReferenceIndex } = require(DIST);
const { syntheticBench } = require('./synthetic');

// ---------- measurement helpers ----------

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const r3 = (x) => Math.round(x * 1000) / 1000;
function latency(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: r3(percentile(sorted, 50)), p90: r3(percentile(sorted, 90)), p99: r3(percentile(sorted, 99)), max: r3(sorted[sorted.length - 1]) };
}
function fullGc() {
  global.gc();
  global.gc();
}
const mb = (bytes) => Math.round(bytes / 1048576);

function recallOf(results) {
  const positives = results.filter((r) => r.target !== undefined);
  const byKind = {};
  for (const r of positives) {
    const k = (byKind[r.kind] ??= { n: 0, found: 0 });
    k.n++;
    if (r.found) k.found++;
  }
  for (const k of Object.values(byKind)) k.recall = r3(k.found / k.n);
  const unrelated = results.filter((r) => r.target === undefined);
  return {
    recall: r3(positives.filter((r) => r.found).length / positives.length),
    byKind,
    unrelatedWithCandidates: unrelated.filter((r) => r.count > 0).length,
    unrelated: unrelated.length,
  };
}

// ---------- PostgreSQL pg_trgm ----------

async function runPg(entries, queries) {
  const { Client } = require('pg');
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await client.query('CREATE TABLE entity_name (entity_id int NOT NULL, name text NOT NULL)');
    const loadStart = performance.now();
    const BATCH = 20000;
    for (let i = 0; i < entries.length; i += BATCH) {
      const ids = [];
      const names = [];
      for (let j = i; j < Math.min(entries.length, i + BATCH); j++) {
        const e = entries[j];
        for (const name of [e.name, ...(e.aliases ?? []), ...(e.weakAliases ?? [])]) {
          ids.push(j);
          names.push(name);
        }
      }
      await client.query('INSERT INTO entity_name SELECT * FROM unnest($1::int[], $2::text[])', [ids, names]);
    }
    const loadMs = performance.now() - loadStart;
    const indexStart = performance.now();
    await client.query('CREATE INDEX entity_name_trgm ON entity_name USING gin (name gin_trgm_ops)');
    await client.query('ANALYZE entity_name');
    const indexMs = performance.now() - indexStart;
    await client.query('SELECT set_limit(0.3)');
    const sql =
      'SELECT entity_id, similarity(name, $1) AS score FROM entity_name WHERE name % $1 ORDER BY score DESC LIMIT 5';
    const plan = (await client.query(`EXPLAIN ${sql.replace(/\$1/g, "'probe'")}`)).rows.map((r) => r['QUERY PLAN']);
    const usesIndex = plan.some((line) => line.includes('entity_name_trgm'));
    // Warm-up, not counted.
    for (const q of queries.slice(0, 10)) await client.query(sql, [q.name]);
    const ms = [];
    const results = [];
    for (const q of queries) {
      const start = performance.now();
      const { rows } = await client.query(sql, [q.name]);
      ms.push(performance.now() - start);
      const ids = rows.map((row) => `e${row.entity_id}`);
      results.push({ kind: q.kind, target: q.target, found: q.target !== undefined && ids.includes(q.target), count: rows.length });
    }
    return {
      rows: entries.reduce((sum, e) => sum + 1 + (e.aliases?.length ?? 0) + (e.weakAliases?.length ?? 0), 0),
      loadSeconds: r3(loadMs / 1000),
      ginIndexSeconds: r3(indexMs / 1000),
      usesIndex,
      queries: queries.length,
      latencyMs: latency(ms),
      ...recallOf(results),
    };
  } finally {
    await client.end();
  }
}

// ---------- main ----------

async function main() {
  const machine = {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 1073741824),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  const { entries, queries, warmUpQueries } = syntheticBench({ entities: ENTITIES, queryCount: QUERIES, seed: SEED, warmUpCount: WARM_UP });
  const list = { listId: 'bench', version: 1, kind: 'sanctions', entries };
  const names = entries.reduce((sum, e) => sum + 1 + (e.aliases?.length ?? 0) + (e.weakAliases?.length ?? 0), 0);

  fullGc();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = performance.now();
  const index = new FuzzyReferenceIndex([list]);
  const buildMs = performance.now() - buildStart;
  fullGc();
  const mem = process.memoryUsage();

  // Warm-up, not counted: queries of the same mix but not the measured ones, so that the lookup's
  // paths for common tokens are compiled before the clock runs, as in a worker that has been
  // screening for a while. (Until 2026-11-22 it was 200 exact names, which left them cold.)
  for (const q of warmUpQueries) index.lookup({ name: q.name, subjectKind: 'organisation' });
  const ms = [];
  const results = [];
  for (const q of queries) {
    const start = performance.now();
    const candidates = index.lookup({ name: q.name, subjectKind: 'organisation' });
    ms.push(performance.now() - start);
    const top = candidates.slice(0, 5).map((c) => c.entryId);
    results.push({ kind: q.kind, target: q.target, found: q.target !== undefined && top.includes(q.target), count: candidates.length });
  }
  const fuzzy = {
    buildSeconds: r3(buildMs / 1000),
    rssMb: mb(mem.rss),
    rssIndexMb: mb(mem.rss - rssBefore),
    heapUsedMb: mb(mem.heapUsed),
    heapIndexMb: mb(mem.heapUsed - heapBefore),
    warmUpQueries: warmUpQueries.length,
    queries: queries.length,
    latencyMs: latency(ms),
    ...recallOf(results),
  };

  let pg;
  let ratio;
  if (PG) {
    // The pg sample: every (QUERIES/PG_QUERIES)-th query, so all kinds are represented.
    const step = Math.max(1, Math.floor(queries.length / PG_QUERIES));
    const sampleIdx = [];
    for (let i = 0; i < queries.length && sampleIdx.length < PG_QUERIES; i += step) sampleIdx.push(i);
    // Keep kinds balanced (5 kinds cycle): a stride that is a multiple of 5 is shifted so that each
    // kind recurs; any other stride meets every kind in turn.
    const shift = (n) => (step % 5 === 0 ? n % 5 : 0);
    const sample = sampleIdx.map((i, n) => queries[Math.min(queries.length - 1, i + shift(n))]);
    try {
      pg = await runPg(entries, sample);
      const fuzzySample = sample.map((q) => results[queries.indexOf(q)]);
      const fuzzySampleMs = sample.map((q) => ms[queries.indexOf(q)]);
      const fuzzyOnSample = { latencyMs: latency(fuzzySampleMs), ...recallOf(fuzzySample) };
      ratio = {
        p50: r3(pg.latencyMs.p50 / fuzzyOnSample.latencyMs.p50),
        p99: r3(pg.latencyMs.p99 / fuzzyOnSample.latencyMs.p99),
        fuzzyRecallOnSample: fuzzyOnSample.recall,
        pgRecallOnSample: pg.recall,
        fuzzyLatencyOnSampleMs: fuzzyOnSample.latencyMs,
      };
    } catch (error) {
      pg = { error: String(error && error.message ? error.message : error) };
    }
  }

  const report = { benchmark: 'matching', entities: ENTITIES, names, seed: SEED, machine, fuzzy, pgTrgm: pg, speedRatio: ratio };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const outDir = path.join(__dirname, '..', 'results');
  if (fs.existsSync(outDir) && process.env.BENCH_SAVE === '1') {
    fs.writeFileSync(path.join(outDir, `matching-${ENTITIES}-${Date.now()}.json`), JSON.stringify(report, null, 2));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
