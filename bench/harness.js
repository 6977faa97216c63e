'use strict';
// Pieces every benchmark uses: one-off SQL, bounded waits, and a fresh migrated database.
const path = require('node:path');
const { Client } = require('pg');

async function sql(url, text, params) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Polls until `probe` gives a truthy value; fails after `timeoutMs`. */
async function waitFor(probe, what, timeoutMs = 120000, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => false);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** `count(*)` of a table in the given database. */
function counter(databaseUrl) {
  return async (table, where = '') => (await sql(databaseUrl, `SELECT count(*)::int AS count FROM ${table} ${where}`))[0].count;
}

const root = path.join(__dirname, '..');

/** A seeded PRNG (mulberry32): the benchmarks generate the same data on every run. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Drops and re-creates the bench database, then runs the built migrations on it (`npm run build` first). */
async function freshDatabase(databaseUrl) {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  admin.search = '';
  await sql(admin.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await sql(admin.toString(), `CREATE DATABASE ${name}`);
  process.env.DATABASE_URL = databaseUrl;
  const { createDataSource } = require(path.join(root, 'dist/migrate/migrations/data-source.js'));
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

/** Benchmarks measure capacity, not the rate limits: one key and one address send far more than they allow. */
const UNLIMITED_RATES = {
  AJAR_RATE_LIMIT_PER_KEY: '10000000',
  AJAR_RATE_LIMIT_COSTLY_PER_KEY: '10000000',
  AJAR_RATE_LIMIT_PER_IP: '10000000',
  AJAR_RATE_LIMIT_FAILED_AUTH_PER_IP: '10000000',
};

module.exports = { sql, waitFor, counter, freshDatabase, root, mulberry32, UNLIMITED_RATES };
