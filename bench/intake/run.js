#!/usr/bin/env node
/* eslint-disable */
// Intake benchmark (not part of CI): API + worker + PostgreSQL + Redis on this machine.
// A realistic case (5 partners, 8 people with inline disclosures, ~20 affiliations) is posted
// at a fixed rate, then at full speed. Prints latency, throughput, and checks that the number of
// 202 answers equals the number of cases stored (and screening requests consumed).
//
//   npm run bench:intake                      # 60 s at 500/s, then 30 s at full speed
//   BENCH_RATE=300 BENCH_SECONDS=20 npm run bench:intake
//   BENCH_WORKER=after npm run bench:intake        # the worker starts once the load is over
//
// By default it runs the single-host set-up the README describes: one API process, the worker
// started with `nice -n 19` (below the API in CPU priority), PostgreSQL over its Unix socket.
// Each can be set:
//   BENCH_WORKER_NICE=0 npm run bench:intake       # the worker at the API's priority
//   BENCH_PG_SOCKET= npm run bench:intake          # PostgreSQL over TCP on 127.0.0.1
'use strict';
const { spawn } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');
const { sql, waitFor, counter, freshDatabase, UNLIMITED_RATES } = require('../harness');
const { fixedRate, fullSpeed } = require('./load');
const { realisticCase } = require('../realistic-case');

const root = path.join(__dirname, '..', '..');
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const FULL_SECONDS = Number(process.env.BENCH_FULL_SECONDS ?? 30);
const IDEMPOTENCY = process.env.BENCH_IDEMPOTENCY !== '0';
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 1);
const PORT = Number(process.env.BENCH_PORT ?? 3199);
const VACUUM_EVERY_MS = Number(process.env.BENCH_VACUUM_MS ?? 10000);
// `after`: the worker starts once the load is over, so the API and PostgreSQL have the machine to
// themselves (as when workers run on other machines); the backlog is then drained and checked.
const WORKER_DURING_LOAD = process.env.BENCH_WORKER !== 'after';
// The worker's CPU priority, as `nice -n 19 npm run start:worker` or systemd's `Nice=19` gives it
// (every thread it starts inherits it).
const WORKER_NICE = Number(process.env.BENCH_WORKER_NICE ?? 19);
const DB = 'ajar_bench';
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DB}`;
const TOKEN = 'bench-bootstrap-token-0123456789abcdef';
// The API and worker reach PostgreSQL over its Unix socket (as a server sharing the machine with
// its database would: no TCP stack between them); BENCH_PG_SOCKET= (empty) for TCP on 127.0.0.1.
const PG_SOCKET = process.env.BENCH_PG_SOCKET ?? '/var/run/postgresql';
const SERVICE_DATABASE_URL = PG_SOCKET ? `postgres://postgres@localhost/${DB}?host=${encodeURIComponent(PG_SOCKET)}` : DATABASE_URL;
const env = {
  ...process.env,
  DATABASE_URL: SERVICE_DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  PORT: String(PORT),
  AJAR_BOOTSTRAP_TOKEN: TOKEN,
  AJAR_QUEUE_PREFIX: 'ajar-bench',
  ...UNLIMITED_RATES,
  LOG_LEVEL: 'warn',
  DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '30',
};

let stopping = false;
// Node flags per process, e.g. BENCH_API_FLAGS="--max-semi-space-size=64 --cpu-prof --cpu-prof-dir=/tmp/prof"
// (setting them replaces the defaults).
// The API runs with the flags `npm start` and the Dockerfile give it.
const DEFAULT_FLAGS = { api: '--max-semi-space-size=64', worker: '' };
const flagsOf = (name) => (process.env[`BENCH_${name.toUpperCase()}_FLAGS`] ?? DEFAULT_FLAGS[name]).split(' ').filter(Boolean);
function start(name, script) {
  const command = [process.execPath, ...flagsOf(name), path.join(root, script)];
  // `nice` runs node in its own process (exec), so the pid stays the worker's.
  const niced = name === 'worker' && WORKER_NICE > 0 ? ['nice', '-n', String(WORKER_NICE), ...command] : command;
  const child = spawn(niced[0], niced.slice(1), { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${code ?? signal}) during the benchmark`);
      process.exit(1);
    }
  });
  return child;
}

const count = counter(DATABASE_URL);

// CPU time (user + system, in ms) of each part, read from /proc (Linux): the API and worker by
// pid, PostgreSQL and Redis by process name (every backend and helper process), this process.
const TICK_MS = 10; // USER_HZ is 100 on Linux
function cpuMs(pids) {
  const totals = { api: 0, worker: 0, postgres: 0, redis: 0, loadGenerator: 0, otherProcesses: 0 };
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      const pid = Number(entry);
      if (pid === pids.api) totals.api += ms;
      else if (pid === pids.worker) totals.worker += ms;
      else if (pid === process.pid) totals.loadGenerator += ms;
      else if (name === 'postgres' || name.startsWith('postgres:')) totals.postgres += ms;
      else if (name.startsWith('redis-server')) totals.redis += ms;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  // Whatever else ran on the machine (the kernel's own threads, other services): all busy time
  // (/proc/stat, every CPU) less the parts above.
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7];
    totals.otherProcesses = busy * TICK_MS - (totals.api + totals.worker + totals.postgres + totals.redis + totals.loadGenerator);
  } catch {
    totals.otherProcesses = 0;
  }
  return totals;
}

/** CPU ms per accepted case between two readings, by part and in all. */
function cpuPerCase(before, after, cases) {
  if (!before || !after || cases === 0) return undefined;
  const perCase = {};
  let total = 0;
  for (const part of Object.keys(after)) {
    const used = after[part] - (before[part] ?? 0);
    perCase[part] = Number((used / cases).toFixed(2));
    total += used;
  }
  return { ...perCase, total: Number((total / cases).toFixed(2)) };
}

/** Sessions opened on the bench database, checkpoints and WAL written so far (PostgreSQL 14+). */
async function postgresActivity() {
  const [row] = await sql(
    DATABASE_URL,
    `SELECT (SELECT sessions FROM pg_stat_database WHERE datname = current_database())::int AS sessions,
            (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)::int AS checkpoints,
            pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS "walBytes"`,
  );
  return row;
}

async function main() {
  await freshDatabase(DATABASE_URL);

  const api = start('api', 'dist/apps/api/apps/api/src/main.js');
  let worker = WORKER_DURING_LOAD ? start('worker', 'dist/apps/worker/apps/worker/src/main.js') : undefined;
  const base = `http://127.0.0.1:${PORT}`;
  await waitFor(async () => (await fetch(`${base}/health/ready`)).ok, 'the API to be ready');

  const keys = [];
  for (let tenant = 0; tenant < TENANTS; tenant += 1) {
    const created = await fetch(`${base}/v1/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Bench Funder ${tenant}`, kind: 'funder' }),
    }).then((response) => response.json());
    const issued = await fetch(`${base}/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.apiKey.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench integrator', roles: ['integrator'] }),
    }).then((response) => response.json());
    keys.push(issued.key);
  }
  const bodies = Array.from({ length: 64 }, (_unused, index) => JSON.stringify(realisticCase(index)));
  // Every request carries an Idempotency-Key, as the README tells integrators (BENCH_IDEMPOTENCY=0: none).
  let sent = 0;
  const nextRequest = (index) => ({
    method: 'POST',
    path: '/v1/cases',
    headers: {
      authorization: `Bearer ${keys[index % keys.length]}`,
      'content-type': 'application/json',
      ...(IDEMPOTENCY ? { 'idempotency-key': `bench-${process.pid}-${(sent += 1)}` } : {}),
    },
    body: bodies[index % bodies.length],
  });

  // This machine's PostgreSQL runs with autovacuum off; a production server has it on. Stand in
  // for it: ANALYZE once the warm-up has filled the tables, then VACUUM the tables that churn
  // (queue-like) every 10 s, or dead rows slow every scan as the run goes on. Not ANALYZE every
  // 10 s: on `cases` it reads and decompresses the content of 30,000 sampled rows each time, which
  // autovacuum does on a table of production size only after 10 % of it has changed.
  let vacuum;
  const standInForAutovacuum = async () => {
    if (VACUUM_EVERY_MS <= 0) return;
    await sql(DATABASE_URL, 'ANALYZE');
    vacuum = setInterval(() => {
      sql(DATABASE_URL, 'VACUUM outbox_messages, event_chain_pending, cases').catch(() => undefined);
    }, VACUUM_EVERY_MS);
  };

  // CPU from the warm-up to the last event chained: each case's whole cost, wherever it ran. The
  // worker started after the load is counted from its start (it did no work before).
  const cpuBefore = cpuMs({ api: api.pid, worker: worker?.pid });
  // Warm up the JIT and the pools, with as many connections as the load uses: the API opens its
  // PostgreSQL connections as concurrency needs them, and a backend's first statements are slow.
  const warmup = await fullSpeed({ base, seconds: WARMUP_SECONDS, connections: CONNECTIONS, nextRequest });
  await standInForAutovacuum();
  const postgresBefore = await postgresActivity();
  const fixed = await fixedRate({ base, rate: RATE, seconds: SECONDS, connections: CONNECTIONS, nextRequest });
  const full = await fullSpeed({ base, seconds: FULL_SECONDS, connections: CONNECTIONS, nextRequest });
  // CPU while the load ran (warm-up included): what intake costs, and what the worker took meanwhile.
  const cpuAtLoadEnd = cpuMs({ api: api.pid, worker: worker?.pid });
  const postgresAfter = await postgresActivity();

  if (vacuum) clearInterval(vacuum);
  if (worker === undefined) worker = start('worker', 'dist/apps/worker/apps/worker/src/main.js');
  const stored = await count('cases');
  const answered = warmup.accepted202 + fixed.accepted202 + full.accepted202;
  const drainStart = Date.now();
  await waitFor(async () => (await count('assessments')) >= stored, 'the worker to appraise every case', 600000);
  const drainSeconds = (Date.now() - drainStart) / 1000;
  await waitFor(async () => (await count('event_chain_pending')) === 0, 'the chainer to link every event', 600000);
  const cpuAfter = cpuMs({ api: api.pid, worker: worker.pid });

  const report = {
    machine: {
      cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown'}`,
      memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    setup: { warmupSeconds: WARMUP_SECONDS, tenants: TENANTS, connections: CONNECTIONS, targetRate: RATE, bodyBytes: Buffer.byteLength(bodies[0]), vacuumEveryMs: VACUUM_EVERY_MS, workerDuringLoad: WORKER_DURING_LOAD, apiFlags: flagsOf('api').join(' '), workerNice: WORKER_NICE, postgresOver: PG_SOCKET ? 'unix socket' : 'tcp', databasePoolPerProcess: Number(env.DATABASE_POOL_SIZE) },
    phases: [fixed, full],
    consistency: {
      answered202: answered,
      casesStored: stored,
      equal: answered === stored,
      eventsStored: await count('events'),
      eventsChained: await count('event_chain'),
      assessmentsStored: await count('assessments'),
      casesByState: Object.fromEntries((await sql(DATABASE_URL, 'SELECT state, count(*)::int AS n FROM cases GROUP BY state')).map((row) => [row.state, row.n])),
      outboxUnpublished: await count('outbox_messages', 'WHERE published_at IS NULL'),
      workerDrainSecondsAfterLoad: drainSeconds,
    },
    // Includes the warm-up cases, PostgreSQL's background processes and the bench's VACUUMs.
    // From the end of the warm-up to the end of the load.
    postgresDuringLoad: {
      sessionsOpened: postgresAfter.sessions - postgresBefore.sessions,
      checkpoints: postgresAfter.checkpoints - postgresBefore.checkpoints,
      walKiBPerCase: Number(((postgresAfter.walBytes - postgresBefore.walBytes) / 1024 / Math.max(1, fixed.accepted202 + full.accepted202)).toFixed(1)),
    },
    cpuMsPerCase: cpuPerCase(cpuBefore, cpuAfter, answered),
    cpuMsPerCaseDuringLoad: cpuPerCase(cpuBefore, cpuAtLoadEnd, answered),
  };
  console.log(JSON.stringify(report, null, 2));
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', `intake-${Date.now()}.json`), JSON.stringify(report, null, 2));

  stopping = true;
  api.kill('SIGTERM');
  worker.kill('SIGTERM');
  await Promise.all([new Promise((resolve) => api.on('exit', resolve)), new Promise((resolve) => worker.on('exit', resolve))]);
  if (!report.consistency.equal) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
