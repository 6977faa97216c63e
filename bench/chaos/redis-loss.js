#!/usr/bin/env node
/* eslint-disable */
// Redis loses its data with a backlog queued (issue 19), full size; not part of CI.
// API + worker + PostgreSQL + Redis + a local webhook receiver, all on this machine.
//
//   1. One endpoint subscribes to case.submitted.v1 and case.screening_completed.v1; the worker
//      runs with the appraisal, webhooks and notices queues paused, so the relay, the chainer and
//      the fan-out publish everything but nothing is consumed: BENCH_CASES screenings and as many
//      first deliveries wait in Redis.
//   2. Every key of the bench's BullMQ prefix is deleted (a FLUSHDB, to this deployment).
//   3. Without a restart, the worker's reconcilers re-create the owed jobs from PostgreSQL.
//      Timed from the deletion: every owed screening job back in Redis, every case screened
//      (`cleared`/`in_review`), every delivery made (submitted and screening completed).
//
//   npm run bench:chaos
//   BENCH_CASES=2000 AJAR_RECONCILE_MS=5000 npm run bench:chaos
'use strict';
const { spawn } = require('node:child_process');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');
const { Queue } = require('bullmq');
const IORedis = require('ioredis');
const { sql, waitFor, counter, freshDatabase, UNLIMITED_RATES } = require('../harness');
const { fixedRate } = require('../intake/load');

const root = path.join(__dirname, '..', '..');
const CASES = Number(process.env.BENCH_CASES ?? 10000);
const INTAKE_RATE = Number(process.env.BENCH_RATE ?? 150);
const PORT = Number(process.env.BENCH_PORT ?? 3197);
const DB = 'ajar_bench_chaos';
const PREFIX = 'ajar-bench-chaos';
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${DB}`;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'bench-bootstrap-token-0123456789abcdef';
const env = {
  ...process.env,
  DATABASE_URL,
  REDIS_URL,
  PORT: String(PORT),
  AJAR_BOOTSTRAP_TOKEN: TOKEN,
  AJAR_QUEUE_PREFIX: PREFIX,
  ...UNLIMITED_RATES,
  AJAR_EGRESS_ALLOW: '127.0.0.1',
  // The production defaults unless set: the figure includes the time to notice the loss.
  AJAR_RECONCILE_MS: process.env.AJAR_RECONCILE_MS ?? '30000',
  AJAR_WEBHOOK_SWEEP_MS: process.env.AJAR_WEBHOOK_SWEEP_MS ?? '30000',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};

let stopping = false;
const children = new Set();
function start(name, script) {
  const child = spawn(process.execPath, [path.join(root, script)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`${name} exited (${code ?? signal}) during the benchmark`);
      process.exit(1);
    }
  });
  return child;
}

async function deletePrefix(redis) {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

const count = counter(DATABASE_URL);
const seconds = (from) => Number(((Date.now() - from) / 1000).toFixed(1));

async function main() {
  await freshDatabase(DATABASE_URL);
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  await deletePrefix(redis);
  const queue = (name) => new Queue(name, { connection: redis, prefix: PREFIX });
  const appraisal = queue('appraisal');
  const webhooks = queue('webhooks');
  const notices = queue('notices');
  const maintenance = queue('maintenance');
  // Paused before the worker starts: the backlog builds up in Redis.
  for (const paused of [appraisal, webhooks, notices]) await paused.pause();

  const received = new Set();
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.add(request.headers['webhook-id']);
      response.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

  start('api', 'dist/apps/api/apps/api/src/main.js');
  start('worker', 'dist/apps/worker/apps/worker/src/main.js');
  const base = `http://127.0.0.1:${PORT}`;
  await waitFor(async () => (await fetch(`${base}/health/ready`)).ok, 'the API to be ready');
  const post = async (pathName, key, body) => {
    const response = await fetch(`${base}${pathName}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${pathName}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const tenant = await post('/v1/tenants', TOKEN, { name: 'Bench University', kind: 'institution' });
  const admin = tenant.apiKey.key;
  const integrator = (await post('/v1/api-keys', admin, { name: 'bench integrator', roles: ['integrator'] })).key;
  await post('/v1/webhook-endpoints', admin, { url: `http://127.0.0.1:${server.address().port}/hooks`, eventTypes: ['case.submitted.v1', 'case.screening_completed.v1'] });
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
  const intake = await fixedRate({
    base,
    rate: INTAKE_RATE,
    seconds: CASES / INTAKE_RATE,
    connections: 16,
    nextRequest: () => ({ method: 'POST', path: '/v1/cases', headers: { authorization: `Bearer ${integrator}`, 'content-type': 'application/json' }, body }),
  });
  const accepted = intake.accepted202;
  const queued = async (target) => (await target.getJobCountByTypes('wait')) >= accepted;
  await waitFor(async () => (await queued(appraisal)) && (await queued(webhooks)), 'the backlog to be queued', 600_000, 500);
  await waitFor(async () => (await maintenance.getJobScheduler('retention-sweep')) !== undefined, 'the retention schedule');

  const lostAt = Date.now();
  const keysDeleted = await deletePrefix(redis);
  const lost = { appraisalJobs: accepted, deliveryJobs: accepted, keysDeleted };
  console.log(JSON.stringify({ lost }));

  const timings = {};
  const screenedOrDone = async () => (await count('cases', `WHERE state = 'screening'`)) === 0;
  await Promise.all([
    waitFor(async () => {
      const counts = await appraisal.getJobCounts('wait', 'active', 'completed', 'failed', 'delayed', 'prioritized');
      return Object.values(counts).reduce((sum, n) => sum + n, 0) >= accepted;
    }, 'every screening job to be re-created', 900_000, 100).then(() => (timings.screeningJobsRecreatedSeconds = seconds(lostAt))),
    waitFor(async () => (await maintenance.getJobScheduler('retention-sweep')) !== undefined, 'the retention schedule again', 900_000, 100).then(
      () => (timings.retentionScheduleBackSeconds = seconds(lostAt)),
    ),
    waitFor(screenedOrDone, 'every case to be screened', 1_800_000, 250).then(() => (timings.everyCaseScreenedSeconds = seconds(lostAt))),
  ]);
  await waitFor(
    async () => (await count('webhook_deliveries', `WHERE state <> 'succeeded'`)) === 0 && (await count('webhook_deliveries')) >= 2 * accepted,
    'every delivery to be made',
    1_800_000,
    250,
  );
  timings.everyDeliveryMadeSeconds = seconds(lostAt);

  const states = await sql(DATABASE_URL, `SELECT state, count(*)::int AS n FROM cases GROUP BY state ORDER BY state`);
  const doubled = await sql(DATABASE_URL, `SELECT count(*)::int AS n FROM (SELECT 1 FROM assessments GROUP BY case_id, case_version HAVING count(*) > 1) d`);
  const messages = await sql(DATABASE_URL, `SELECT count(DISTINCT message_id)::int AS n FROM webhook_deliveries`);
  const report = {
    machine: {
      cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown'}`,
      memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
      loadAverageAtEnd: os.loadavg().map((load) => Number(load.toFixed(2))),
      node: process.version,
    },
    setup: { cases: accepted, reconcileMs: Number(env.AJAR_RECONCILE_MS), webhookSweepMs: Number(env.AJAR_WEBHOOK_SWEEP_MS) },
    lost,
    recovery: timings,
    outcome: {
      casesByState: Object.fromEntries(states.map((row) => [row.state, row.n])),
      stuckInScreening: await count('cases', `WHERE state = 'screening'`),
      assessmentsDoubled: doubled[0].n,
      deliveries: await count('webhook_deliveries'),
      deliveriesNotMade: await count('webhook_deliveries', `WHERE state <> 'succeeded'`),
      messagesReceived: received.size,
      messagesOwed: messages[0].n,
    },
  };
  console.log(JSON.stringify(report, null, 2));
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', `chaos-redis-loss-${Date.now()}.json`), JSON.stringify(report, null, 2));

  stopping = true;
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise((resolve) => {
          child.on('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  await deletePrefix(redis);
  for (const item of [appraisal, webhooks, notices, maintenance]) await item.close();
  await redis.quit();
  server.close();
  if (report.outcome.stuckInScreening > 0 || report.outcome.assessmentsDoubled > 0 || report.outcome.deliveriesNotMade > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
