#!/usr/bin/env node
/* eslint-disable */
// Monitoring benchmark (not part of CI), the worst case of Ajar #4 item 7: a whole new list of
// 10^6 entities arrives while 10^5 cases (about 20 organisation names each) are under monitoring.
// API, worker, PostgreSQL and Redis run on this machine. The list is uploaded through the API; the
// worker plans the re-screen, fans it out in batches of 100 cases through BullMQ and re-screens each
// case against what the version adds (all of it). The bench waits until the list version reports
// every case screened and prints the timeline.
//
//   npm run build && npm run bench:monitoring
//   BENCH_CASES=10000 BENCH_ENTITIES=100000 npm run bench:monitoring    # a quicker run
'use strict';
const { spawn } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { Readable } = require('node:stream');
const { sql, waitFor, freshDatabase, mulberry32, UNLIMITED_RATES } = require('../harness');
const { realisticCase } = require('../realistic-case');
const { watchlistEntry } = require('../appraisal/synthetic-lists');
const { postStream, residentMb } = require('../reference-lists/stream-upload');

const root = path.join(__dirname, '..', '..');
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 1_000_000);
// Distinct organisations the cases draw their partners and affiliations from (Zipf-like: a few
// universities and funders recur in many cases, most organisations in a handful).
const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS ?? 60_000);
// One case in this many has a partner that is on the new list.
const HIT_EVERY = Number(process.env.BENCH_HIT_EVERY ?? 200);
const WORKER_HEAP_MB = Number(process.env.BENCH_WORKER_HEAP_MB ?? 12_288);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const PORT = Number(process.env.BENCH_PORT ?? 3196);
const DB = 'ajar_bench_monitoring';
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DB}`;
const TOKEN = 'bench-bootstrap-token-0123456789abcdef';
const LIST = 'watch';

const random = mulberry32(20261122);
const SYLLABLES = ['al', 'ber', 'cas', 'dun', 'el', 'fal', 'gen', 'hul', 'is', 'jak', 'kor', 'lin', 'mos', 'nor', 'ol', 'pra', 'quin', 'ros', 'sel', 'tur', 'ul', 'vas', 'wen', 'yor', 'zel'];
const word = (j) => {
  const n = SYLLABLES.length;
  const text = SYLLABLES[j % n] + SYLLABLES[Math.floor(j / n) % n] + SYLLABLES[Math.floor(j / (n * n)) % n] + (j % 2 ? '' : SYLLABLES[Math.floor(j / (n * n * n)) % n]);
  return text[0].toUpperCase() + text.slice(1);
};
const SHAPES = [
  (w, v) => `University of ${w}`,
  (w, v) => `${w} University of Technology`,
  (w, v) => `${w} Institute for ${v} Research`,
  (w, v) => `${w} ${v} GmbH`,
  (w, v) => `${w} ${v} B.V.`,
  (w, v) => `${w} Medical Centre`,
  (w, v) => `${w} Foundation`,
  (w, v) => `${w} ${v} Ltd`,
];
const FIELDS = ['Photonics', 'Materials', 'Sensors', 'Imaging', 'Quantum', 'Energy', 'Climate', 'Robotics', 'Genomics', 'Optics'];
const COUNTRIES = ['NL', 'DE', 'FR', 'BE', 'SE', 'IT', 'ES', 'PL', 'AT', 'DK', 'FI', 'CZ'];
/** Organisation number `k` of the pool: a pure function of `k`. */
function organisation(k) {
  return { name: SHAPES[k % SHAPES.length](word(k * 7 + 3), FIELDS[(k * 13) % FIELDS.length]), country: COUNTRIES[(k * 5) % COUNTRIES.length] };
}
/** A pool draw, Zipf-like over ORGANISATIONS. */
const draw = () => organisation(Math.min(ORGANISATIONS - 1, Math.floor(Math.exp(random() * Math.log(ORGANISATIONS + 1))) - 1));
const personName = (n, p) => `${word(n * 11 + p)} ${word(n * 17 + p * 3 + 1)}`;

/** Case `n`'s content and disclosures: the stored template with its names replaced. */
function caseOf(n, template) {
  const content = structuredClone(template.content);
  const disclosures = structuredClone(template.disclosures);
  content.partners = content.partners.map((partner, index) => {
    const drawn = draw();
    const { identifiers, ...rest } = partner;
    // Every HIT_EVERY-th case works with an organisation of the new list (under its listed name).
    if (index === 0 && n % HIT_EVERY === 0) {
      const entry = watchlistEntry(1 + ((n * 7) % ENTITIES));
      return { ...rest, name: entry.name, country: entry.country };
    }
    return { ...rest, name: drawn.name, country: drawn.country };
  });
  for (const funding of content.fundingSources ?? []) funding.funder = draw();
  content.personnel = content.personnel.map((person, index) => ({ ...person, name: personName(n, index) }));
  for (const disclosure of Object.values(disclosures)) {
    for (const affiliation of disclosure.affiliations ?? []) affiliation.organisation = draw();
    for (const support of disclosure.supportSources ?? []) support.sponsor = draw();
  }
  return { content, disclosures };
}

/** Entry `g` of the new list as a FollowTheMoney line. */
function ftmLine(g) {
  const entry = watchlistEntry(g);
  const properties = { name: [entry.name], country: [entry.country.toLowerCase()], topics: entry.topics };
  if (entry.aliases) properties.alias = entry.aliases;
  if (entry.weakAliases) properties.weakAlias = entry.weakAliases;
  if (entry.identifiers?.registration) properties.registrationNumber = [entry.identifiers.registration];
  return `${JSON.stringify({ id: entry.entryId, schema: 'Company', properties })}\n`;
}

function listBody(from, to) {
  let g = from;
  return new Readable({
    read() {
      let chunk = '';
      while (g <= to && chunk.length < 256 * 1024) chunk += ftmLine(g++);
      if (chunk.length > 0) this.push(chunk);
      if (g > to) this.push(null);
    },
  });
}

async function main() {
  await freshDatabase(DATABASE_URL);
  const env = { ...process.env, DATABASE_URL, PORT: String(PORT), AJAR_BOOTSTRAP_TOKEN: TOKEN, AJAR_QUEUE_PREFIX: 'ajar-bench-monitoring', ...UNLIMITED_RATES, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  let stopping = false;
  const started = [];
  const start = (name, script, flags = []) => {
    const child = spawn(process.execPath, [...flags, path.join(root, script)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`${name} exited (${code ?? signal}) during the benchmark`);
        process.exit(1);
      }
    });
    started.push(child);
    return child;
  };
  const api = start('api', 'dist/apps/api/apps/api/src/main.js');
  // BENCH_WORKER_FLAGS: more Node flags for the worker (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes).
  const workerFlags = (process.env.BENCH_WORKER_FLAGS ?? '').split(' ').filter(Boolean);
  // BENCH_WORKERS: worker processes on the same Redis and PostgreSQL (how Ajar scales out).
  const workers = Array.from({ length: WORKERS }, () =>
    start('worker', 'dist/apps/worker/apps/worker/src/main.js', [`--max-old-space-size=${WORKER_HEAP_MB}`, ...workerFlags]),
  );
  const base = `http://127.0.0.1:${PORT}`;
  const json = (key) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
  try {
    await waitFor(async () => (await fetch(`${base}/health/ready`)).ok, 'the API to be ready');
    const tenant = await fetch(`${base}/v1/tenants`, { method: 'POST', headers: json(TOKEN), body: JSON.stringify({ name: 'Bench Funder', kind: 'funder' }) }).then((r) => r.json());
    const admin = tenant.apiKey.key;
    const integrator = await fetch(`${base}/v1/api-keys`, { method: 'POST', headers: json(admin), body: JSON.stringify({ name: 'bench', roles: ['integrator', 'rso'] }) })
      .then((r) => r.json())
      .then((body) => body.key);
    const put = await fetch(`${base}/v1/reference-lists/${LIST}`, { method: 'PUT', headers: json(admin), body: JSON.stringify({ kind: 'sanctions' }) });
    if (!put.ok) throw new Error(`defining the list answered ${put.status}`);
    // Version 1: a small list the cases were screened against before.
    const first = await postStream(base, `/v1/reference-lists/${LIST}/versions`, { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' }, listBody(ENTITIES + 1, ENTITIES + 10));
    if (first.status !== 201) throw new Error(`version 1 answered ${first.status}: ${first.body}`);

    // One case through the API, appraised by the worker: the template of the stored row.
    const submitted = await fetch(`${base}/v1/cases`, { method: 'POST', headers: json(integrator), body: JSON.stringify(realisticCase(0)) }).then((r) => r.json());
    await waitFor(async () => {
      const [row] = await sql(DATABASE_URL, `SELECT state FROM cases WHERE id = $1`, [submitted.id]);
      return row && row.state !== 'screening' && row.state !== 'submitted';
    }, 'the template case to be screened');
    const [template] = await sql(DATABASE_URL, `SELECT tenant_id, content, disclosures FROM cases WHERE id = $1`, [submitted.id]);
    const names = (content, disclosures) =>
      content.partners.length + (content.fundingSources ?? []).length + content.personnel.length +
      Object.values(disclosures).reduce((sum, d) => sum + (d.affiliations ?? []).length + (d.supportSources ?? []).length, 0);

    // The monitored cases, written directly (submitting 10^5 through the API is the intake bench's job).
    const seeding = Date.now();
    const ROWS = 500;
    let nameCount = 0;
    for (let offset = 1; offset <= CASES; offset += ROWS) {
      const params = [submitted.id];
      const values = [];
      for (let n = offset; n < Math.min(offset + ROWS, CASES + 1); n++) {
        const { content, disclosures } = caseOf(n, template);
        nameCount += names(content, disclosures);
        params.push(`bench-${n}`, JSON.stringify(content), JSON.stringify(disclosures));
        values.push(`($${params.length - 2}, $${params.length - 1}::jsonb, $${params.length}::jsonb)`);
      }
      await sql(
        DATABASE_URL,
        `INSERT INTO cases (id, tenant_id, version, case_version, state, kind, call_id, external_ref, title, level, content, disclosures,
                            pending_disclosures, adjudications, workflow, created_at, updated_at)
         SELECT gen_random_uuid(), t.tenant_id, t.version, t.case_version, 'monitoring', t.kind, t.call_id, v.ref, t.title, t.level, v.content, v.disclosures,
                t.pending_disclosures, t.adjudications, t.workflow, now(), now()
           FROM cases t, (VALUES ${values.join(', ')}) AS v(ref, content, disclosures) WHERE t.id = $1`,
        params,
      );
    }
    await sql(DATABASE_URL, `UPDATE cases SET state = 'monitoring' WHERE id = $1`, [submitted.id]);
    await sql(DATABASE_URL, `VACUUM ANALYZE cases`);
    const seededSeconds = (Date.now() - seeding) / 1000;

    // Version 2: the whole new list. Everything in it is added, so every case is screened against all of it.
    // Peak resident memory of each worker process.
    const workerPeaks = workers.map((worker) => residentMb(worker.pid).rss);
    const sampler = setInterval(() => {
      workers.forEach((worker, i) => {
        try {
          workerPeaks[i] = Math.max(workerPeaks[i], residentMb(worker.pid).rss);
        } catch {}
      });
    }, 500);
    const t0 = Date.now();
    const second = await postStream(base, `/v1/reference-lists/${LIST}/versions`, { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' }, listBody(1, ENTITIES));
    if (second.status !== 201) throw new Error(`version 2 answered ${second.status}: ${second.body}`);
    const uploaded = (Date.now() - t0) / 1000;
    const progress = async () => {
      const list = await fetch(`${base}/v1/reference-lists/${LIST}`, { headers: json(admin) }).then((r) => r.json());
      return list.versions.find((item) => item.version === 2).monitoring;
    };
    let firstProgressAt = null;
    let lastReport = 0;
    const finished = await waitFor(
      async () => {
        const state = await progress();
        if (state.casesScreened > 0 && firstProgressAt === null) firstProgressAt = (Date.now() - t0) / 1000;
        if (Date.now() - lastReport > 30000) {
          lastReport = Date.now();
          console.error(`${((Date.now() - t0) / 1000).toFixed(0)} s: ${state.casesScreened}/${state.casesToScreen} screened, ${state.alerts} alerts`);
        }
        return state.casesToScreen === CASES + 1 && state.casesScreened === state.casesToScreen ? state : false;
      },
      'every case to be re-screened',
      3 * 3600 * 1000,
      1000,
    );
    const total = (Date.now() - t0) / 1000;
    clearInterval(sampler);
    const [{ alerts }] = await sql(DATABASE_URL, `SELECT count(*)::int AS alerts FROM events WHERE type = 'MonitoringAlertRaised' AND payload->>'listId' = $1`, [LIST]);
    const [{ reopened }] = await sql(DATABASE_URL, `SELECT count(*)::int AS reopened FROM cases WHERE state <> 'monitoring'`);
    console.log(
      JSON.stringify(
        {
          machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` },
          setup: { cases: CASES + 1, organisationNamesPerCase: +(nameCount / CASES).toFixed(1), organisationPool: ORGANISATIONS, listEntities: ENTITIES, seededSeconds },
          timeline: { uploadSeconds: uploaded, firstBatchDoneSeconds: firstProgressAt, allScreenedSeconds: total, casesPerSecondAfterFirstBatch: +((CASES + 1) / (total - (firstProgressAt ?? 0))).toFixed(1) },
          result: { ...finished, alertEvents: alerts, casesReopened: reopened, expectedPlantedHits: Math.floor(CASES / HIT_EVERY) },
          workers: WORKERS,
          workerPeakRssMb: workerPeaks.map((peak) => Math.round(peak)),
          target: { allScreenedSecondsAtMost: 600, met: total <= 600 },
        },
        null,
        2,
      ),
    );
  } finally {
    stopping = true;
    for (const child of started) child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
