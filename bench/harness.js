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

module.exports = { sql, waitFor, counter, root: path.join(__dirname, '..') };
