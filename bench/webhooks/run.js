#!/usr/bin/env node
/* eslint-disable */
// Webhook delivery benchmark (not part of CI): API + worker + PostgreSQL + Redis + a local
// receiver, all on this machine. Cases are posted at a fixed rate; each case's integration events
// (submitted, screening requested, screening completed, decision) fan out to every endpoint.
//
//   Phase "steady":  first-attempt latency after the event's commit, deliveries per second.
//   Phase "burst":   the worker is stopped while cases pile up, then started: the backlog drains
//                    as fast as the system can deliver (peak deliveries per second).
//   Phase "outage":  the receiver answers 503 for a while under load, then recovers; every
//                    delivery must arrive (distinct endpoint × webhook-id received = deliveries).
//
//   npm run bench:webhooks
//   BENCH_ENDPOINTS=10 BENCH_RATE=35 BENCH_SECONDS=60 npm run bench:webhooks   (35 cases/s × 3 events × 10 endpoints ≈ 1,050 deliveries/s)
'use strict';
const { spawn } = require('node:child_process');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');
const { Webhook } = require('standardwebhooks');
const { sql, waitFor, counter, freshDatabase, UNLIMITED_RATES } = require('../harness');
const { fixedRate } = require('../intake/load');

const root = path.join(__dirname, '..', '..');
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 35);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const BURST_CASES = Number(process.env.BENCH_BURST_CASES ?? 1500);
const OUTAGE_SECONDS = Number(process.env.BENCH_OUTAGE_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3198);
const DB = 'ajar_bench_webhooks';
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${DB}`;
const TOKEN = 'bench-bootstrap-token-0123456789abcdef';
const env = {
  ...process.env,
  DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  PORT: String(PORT),
  AJAR_BOOTSTRAP_TOKEN: TOKEN,
  AJAR_QUEUE_PREFIX: 'ajar-bench-webhooks',
  ...UNLIMITED_RATES,
  AJAR_EGRESS_ALLOW: '127.0.0.1',
  // The outage phase lasts seconds, not hours: a compressed schedule of the same shape.
  AJAR_WEBHOOK_RETRY_SCHEDULE: process.env.AJAR_WEBHOOK_RETRY_SCHEDULE ?? '1s,2s,4s,8s,16s,32s,60s',
  AJAR_WEBHOOK_SWEEP_MS: '5000',
  LOG_LEVEL: 'warn',
  DATABASE_POOL_SIZE: '30',
};

let stopping = false;
const children = new Set();
function start(name, script) {
  // BENCH_PROFILE=/some/dir writes a V8 CPU profile of each process there (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...profile, path.join(root, script)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping && !child.expectedExit) {
      console.error(`${name} exited (${code ?? signal}) during the benchmark`);
      process.exit(1);
    }
  });
  return child;
}
async function stop(child) {
  child.expectedExit = true;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
function summary(values) {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: Math.round(percentile(sorted, 50)),
    p90: Math.round(percentile(sorted, 90)),
    p99: Math.round(percentile(sorted, 99)),
    max: Math.round(sorted[sorted.length - 1] ?? 0),
  };
}

/** The receiver: records the first successful arrival of each endpoint × webhook-id. */
function receiver(secrets) {
  const state = { down: false, requests: 0, answered503: 0, delivered: new Map(), perSecond: new Map(), verified: 0, badSignatures: 0 };
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      state.requests += 1;
      if (state.down) {
        state.answered503 += 1;
        response.writeHead(503).end();
        return;
      }
      const now = Date.now();
      const endpoint = Number(request.url.slice(1));
      const id = request.headers['webhook-id'];
      const body = Buffer.concat(chunks).toString('utf8');
      // Verify a sample as a receiver would (every request would cost the bench the CPU it measures).
      if (state.requests % 50 === 0) {
        try {
          new Webhook(secrets[endpoint]).verify(body, request.headers);
          state.verified += 1;
        } catch {
          state.badSignatures += 1;
        }
      }
      const key = `${endpoint}|${id}`;
      if (!state.delivered.has(key)) {
        const committedAt = Date.parse(JSON.parse(body).timestamp);
        state.delivered.set(key, { at: now, afterCommitMs: now - committedAt });
      }
      const second = Math.floor(now / 1000);
      state.perSecond.set(second, (state.perSecond.get(second) ?? 0) + 1);
      response.writeHead(204).end();
    });
  });
  return { server, state };
}

function peakRate(perSecond, from, to) {
  let peak = 0;
  const seconds = [...perSecond.keys()].filter((second) => second >= Math.floor(from / 1000) && second <= Math.floor(to / 1000)).sort();
  // Best 10-second window, so one ragged second does not decide it.
  for (let index = 0; index + 10 <= seconds.length; index += 1) {
    let sum = 0;
    for (let offset = 0; offset < 10; offset += 1) sum += perSecond.get(seconds[index] + offset) ?? 0;
    peak = Math.max(peak, sum / 10);
  }
  return Math.round(peak);
}

const count = counter(DATABASE_URL);

/** CPU seconds used so far by each part (from /proc; Linux only). */
function cpuSeconds(parts) {
  const { execSync } = require('node:child_process');
  const ticks = (pid) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return 0;
    }
  };
  const pids = (name) => execSync(`pgrep -x ${name} || true`).toString().split('\n').filter(Boolean);
  const result = {};
  for (const [name, child] of Object.entries(parts)) result[name] = ticks(child.pid);
  result.postgres = pids('postgres').reduce((sum, pid) => sum + ticks(pid), 0);
  result.redis = pids('redis-server').reduce((sum, pid) => sum + ticks(pid), 0);
  const own = process.cpuUsage();
  result.benchAndReceiver = (own.user + own.system) / 1e6;
  return result;
}
function cpuShare(before, after, seconds) {
  return Object.fromEntries(Object.keys(after).map((name) => [name, `${Math.round(((after[name] - (before[name] ?? 0)) / seconds) * 100)}%`]));
}

async function main() {
  await freshDatabase(DATABASE_URL);

  const secrets = [];
  const { server, state } = receiver(secrets);
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiverPort = server.address().port;

  const api = start('api', 'dist/apps/api/apps/api/src/main.js');
  let worker = start('worker', 'dist/apps/worker/apps/worker/src/main.js');
  const base = `http://127.0.0.1:${PORT}`;
  await waitFor(async () => (await fetch(`${base}/health/ready`)).ok, 'the API to be ready');

  const post = (pathName, key, body) =>
    fetch(`${base}${pathName}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      async (response) => {
        if (!response.ok) throw new Error(`${pathName}: ${response.status} ${await response.text()}`);
        return response.json();
      },
    );
  const tenant = await post('/v1/tenants', TOKEN, { name: 'Bench Funder', kind: 'funder' });
  const admin = tenant.apiKey.key;
  const integrator = (await post('/v1/api-keys', admin, { name: 'bench integrator', roles: ['integrator'] })).key;
  for (let index = 0; index < ENDPOINTS; index += 1) {
    const endpoint = await post('/v1/webhook-endpoints', admin, { url: `http://127.0.0.1:${receiverPort}/${index}`, description: `bench ${index}` });
    secrets[index] = endpoint.secret;
  }
  const body = JSON.stringify({
    kind: 'collaboration',
    title: 'Photonic quantum sensors for medical imaging',
    researchStage: 'applied',
    technologyAreas: ['photonics'],
    exportControl: { relevant: false, classifications: [] },
    sensitiveData: { personal: false, other: [] },
    partners: [{ name: 'University of Somewhere', country: 'DE', type: 'university' }],
    fundingSources: [],
    personnel: [],
  });
  const nextRequest = () => ({ method: 'POST', path: '/v1/cases', headers: { authorization: `Bearer ${integrator}`, 'content-type': 'application/json' }, body });
  const vacuum = setInterval(() => {
    sql(DATABASE_URL, 'VACUUM ANALYZE outbox_messages, event_chain_pending, cases, webhook_deliveries, webhook_cursors').catch(() => undefined);
  }, 10000);
  const allDelivered = async (what, timeoutMs = 900000) =>
    waitFor(async () => (await count('webhook_deliveries', `WHERE state <> 'succeeded'`)) === 0 && (await count('event_chain_pending')) === 0 && (await count('webhook_cursors c JOIN event_chain_heads h USING (tenant_id)', 'WHERE h.sequence > c.sequence')) === 0, what, timeoutMs, 250);

  // Steady load.
  const steadyStart = Date.now();
  const steadyLoad = await fixedRate({ base, rate: RATE, seconds: SECONDS, connections: 16, nextRequest });
  await allDelivered('the steady phase to be delivered');
  const steadyEnd = Date.now();
  const steadyDeliveries = [...state.delivered.values()].filter((entry) => entry.at >= steadyStart);
  const steady = {
    casesPerSecond: RATE,
    seconds: SECONDS,
    casesAccepted: steadyLoad.accepted202,
    deliveries: steadyDeliveries.length,
    deliveriesPerSecond: Math.round(steadyDeliveries.length / SECONDS),
    firstAttemptMsAfterCommit: summary(steadyDeliveries.map((entry) => entry.afterCommitMs)),
  };
  console.log(JSON.stringify({ steady }, null, 2));

  // Burst: the backlog of a stopped worker, drained at full speed.
  await stop(worker);
  const burstLoad = await fixedRate({ base, rate: 200, seconds: BURST_CASES / 200, connections: 32, nextRequest });
  const burstStart = Date.now();
  worker = start('worker', 'dist/apps/worker/apps/worker/src/main.js');
  const cpuBefore = cpuSeconds({ api, worker });
  await allDelivered('the burst to drain');
  const burstEnd = Date.now();
  const cpuDuringBurst = cpuShare(cpuBefore, cpuSeconds({ api, worker }), (burstEnd - burstStart) / 1000);
  const burstDeliveries = [...state.delivered.values()].filter((entry) => entry.at >= burstStart);
  const burst = {
    casesQueued: burstLoad.accepted202,
    deliveries: burstDeliveries.length,
    drainSeconds: Number(((burstEnd - burstStart) / 1000).toFixed(1)),
    averageDeliveriesPerSecond: Math.round(burstDeliveries.length / ((Math.max(...burstDeliveries.map((entry) => entry.at)) - burstStart) / 1000)),
    peakDeliveriesPerSecond10s: peakRate(state.perSecond, burstStart, burstEnd),
    cpuOfOneCore: cpuDuringBurst,
  };
  console.log(JSON.stringify({ burst }, null, 2));

  // Outage: the receiver answers 503 for a while under load, then comes back.
  state.down = true;
  const outageLoad = fixedRate({ base, rate: 10, seconds: OUTAGE_SECONDS + 10, connections: 8, nextRequest });
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_SECONDS * 1000));
  state.down = false;
  await outageLoad;
  await allDelivered('every delivery after the outage');
  clearInterval(vacuum);
  const expected = await sql(
    DATABASE_URL,
    `SELECT count(DISTINCT (d.endpoint_id, d.message_id))::int AS n FROM webhook_deliveries d`,
  );
  const outage = {
    seconds: OUTAGE_SECONDS,
    answered503: state.answered503,
    deliveriesInDatabase: expected[0].n,
    distinctReceived: state.delivered.size,
    nothingLost: expected[0].n === state.delivered.size,
    failedDeliveries: await count('webhook_deliveries', `WHERE state = 'failed'`),
  };

  const report = {
    machine: {
      cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown'}`,
      memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    setup: { endpoints: ENDPOINTS, retrySchedule: env.AJAR_WEBHOOK_RETRY_SCHEDULE, concurrency: process.env.AJAR_WEBHOOK_CONCURRENCY ?? '100 (default)' },
    steady,
    burst,
    outage,
    signatures: { sampledVerified: state.verified, bad: state.badSignatures },
    attemptsStored: await count('webhook_attempts'),
  };
  console.log(JSON.stringify(report, null, 2));
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', `webhooks-${Date.now()}.json`), JSON.stringify(report, null, 2));

  stopping = true;
  await Promise.all([...children].map((child) => stop(child)));
  server.close();
  if (!outage.nothingLost || state.badSignatures > 0) process.exitCode = 1;
}

main().catch(async (error) => {
  console.error(error);
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
