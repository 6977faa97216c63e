#!/usr/bin/env node
/* eslint-disable */
// List upload benchmark (not part of CI): streams a generated FollowTheMoney list of 10^6 entities,
// about 1 GB, into POST /v1/reference-lists/{listId}/versions of the built API, and samples the
// API process's resident memory while it does. Shows that the upload never sits whole in memory.
//
//   npm run build && npm run bench:upload                       # 10^6 entities, 1.07 GB, API heap capped at 192 MB
//   BENCH_ENTITIES=100000 BENCH_ENTITY_BYTES=1000 npm run bench:upload
//   BENCH_API_HEAP_MB=0 npm run bench:upload                   # Node's default heap limit
'use strict';
const { spawn } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { Readable } = require('node:stream');
const { sql, waitFor, freshDatabase, mulberry32, UNLIMITED_RATES } = require('../harness');
const { postStream, residentMb } = require('./stream-upload');

const root = path.join(__dirname, '..', '..');
const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 1_000_000);
// Average size of one JSON line; OpenSanctions entities carry notes, addresses and sources too.
const ENTITY_BYTES = Number(process.env.BENCH_ENTITY_BYTES ?? 1070);
const PORT = Number(process.env.BENCH_PORT ?? 3197);
const DB = 'ajar_bench_upload';
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DB}`;
const TOKEN = 'bench-bootstrap-token-0123456789abcdef';
const SAMPLE_MS = 100;
// The API runs with its V8 heap capped far below the upload's size: if the upload were held whole,
// the process would die of heap exhaustion instead of answering 201. 0 leaves Node's default.
const API_HEAP_MB = Number(process.env.BENCH_API_HEAP_MB ?? 192);


const SYLLABLES = ['ka', 'ro', 'vel', 'an', 'dor', 'mi', 'tek', 'sun', 'lo', 'ber', 'zan', 'qu', 'is', 'ol', 'fen', 'ta', 'gar', 'ne', 'sho', 'ri'];
const SECTORS = ['Photonics', 'Optics', 'Materials', 'Aerospace', 'Electronics', 'Systems', 'Instruments', 'Semiconductor', 'Research', 'Trading'];
const FORMS = ['Ltd', 'LLC', 'GmbH', 'S.A.', 'B.V.', 'Co., Ltd.', 'JSC', 'AG', 'Oy', 'AB'];
const COUNTRIES = ['ru', 'ir', 'kp', 'by', 'sy', 'cn', 'ae', 'tr', 'ua', 'kz'];

function coinage(random) {
  const parts = 2 + Math.floor(random() * 3);
  let word = '';
  for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return word[0].toUpperCase() + word.slice(1);
}

/** One entity as a JSON line of about ENTITY_BYTES. */
function entityLine(index, random) {
  const name = `${coinage(random)} ${SECTORS[Math.floor(random() * SECTORS.length)]} ${FORMS[Math.floor(random() * FORMS.length)]}`;
  const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)];
  const properties = {
    name: [name],
    alias: random() < 0.3 ? [`${coinage(random)} ${SECTORS[Math.floor(random() * SECTORS.length)]}`] : [],
    country: [country],
    registrationNumber: [`REG-${index}`],
    topics: ['sanction'],
    address: [`${Math.floor(random() * 900) + 100} ${coinage(random)} Street, ${coinage(random)}`],
    sourceUrl: [`https://sanctions.example.org/entities/${index}`],
    notes: [''],
  };
  const line = JSON.stringify({ id: `ent-${index}`, schema: 'Company', properties, last_change: '2026-11-01T00:00:00' });
  const pad = Math.max(0, ENTITY_BYTES - line.length - 1);
  properties.notes = [`Designated under the synthetic regime; listing reasons follow. ${'x'.repeat(Math.max(0, pad - 62))}`];
  return `${JSON.stringify({ id: `ent-${index}`, schema: 'Company', properties, last_change: '2026-11-01T00:00:00' })}\n`;
}

/** The upload body, generated as it is read: the bench holds one chunk at a time as well. */
function uploadBody(counter) {
  const random = mulberry32(42);
  let index = 0;
  return new Readable({
    read() {
      let chunk = '';
      while (index < ENTITIES && chunk.length < 256 * 1024) chunk += entityLine(index++, random);
      if (chunk.length > 0) {
        const buffer = Buffer.from(chunk);
        counter.bytes += buffer.length;
        this.push(buffer);
      }
      if (index >= ENTITIES) this.push(null);
    },
  });
}

async function main() {
  await freshDatabase(DATABASE_URL);
  const env = { ...process.env, DATABASE_URL, PORT: String(PORT), AJAR_BOOTSTRAP_TOKEN: TOKEN, AJAR_QUEUE_PREFIX: 'ajar-bench-upload', ...UNLIMITED_RATES, LOG_LEVEL: 'warn' };
  let stopping = false;
  const heapFlags = API_HEAP_MB > 0 ? [`--max-old-space-size=${API_HEAP_MB}`] : [];
  const api = spawn(process.execPath, [...heapFlags, path.join(root, 'dist/apps/api/apps/api/src/main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  api.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`api exited (${code ?? signal}) during the benchmark`);
      process.exit(1);
    }
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitFor(async () => (await fetch(`${base}/health/ready`)).ok, 'the API to be ready');
    const tenant = await fetch(`${base}/v1/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench Funder', kind: 'funder' }),
    }).then((response) => response.json());
    const admin = tenant.apiKey.key;
    const defined = await fetch(`${base}/v1/reference-lists/big-sanctions`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'sanctions' }),
    });
    if (!defined.ok) throw new Error(`defining the list answered ${defined.status}`);

    const before = residentMb(api.pid);
    let peak = before.rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, residentMb(api.pid).rss);
    }, SAMPLE_MS);
    const counter = { bytes: 0 };
    const started = process.hrtime.bigint();
    const answer = await postStream(base, '/v1/reference-lists/big-sanctions/versions', { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' }, uploadBody(counter));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    const after = residentMb(api.pid);
    if (answer.status !== 201) throw new Error(`the upload answered ${answer.status}: ${answer.body.slice(0, 500)}`);
    const published = JSON.parse(answer.body);
    const [{ stored }] = await sql(DATABASE_URL, `SELECT count(*)::int AS stored FROM reference_list_entries WHERE list_id = 'big-sanctions' AND version = $1`, [published.version]);
    const [{ size }] = await sql(DATABASE_URL, `SELECT pg_size_pretty(pg_total_relation_size('reference_list_entries')) AS size`);

    console.log(
      JSON.stringify(
        {
          machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` },
          upload: { entities: ENTITIES, bytes: counter.bytes, gigabytes: +(counter.bytes / 1e9).toFixed(3), seconds: +seconds.toFixed(1), mbPerSecond: +(counter.bytes / 1e6 / seconds).toFixed(1), entitiesPerSecond: Math.round(ENTITIES / seconds) },
          answer: { status: answer.status, version: published.version, entryCount: published.entryCount, diff: published.diff },
          stored,
          tableSize: size,
          apiHeapLimitMb: API_HEAP_MB > 0 ? API_HEAP_MB : 'node default',
          apiMemoryMb: { rssBefore: Math.round(before.rss), rssPeak: Math.round(peak), rssAfter: Math.round(after.rss), highWaterMark: Math.round(after.hwm), growthAtPeak: Math.round(peak - before.rss) },
          check: { allStored: stored === ENTITIES && published.entryCount === ENTITIES, peakGrowthPerUploadByte: +((peak - before.rss) * 2 ** 20 / counter.bytes).toFixed(4) },
        },
        null,
        2,
      ),
    );
  } finally {
    stopping = true;
    api.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
