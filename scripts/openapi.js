#!/usr/bin/env node
/* eslint-disable */
// The OpenAPI document exactly as the API serves it: builds the api app with the Swagger CLI
// plugin (nest build, as `npm run build` does), starts it on a free port with AJAR_API_DOCS=public
// and reads /docs-json. The app only connects to PostgreSQL and Redis at boot, so any database
// will do; by default a temporary empty one is created and dropped.
//
//   npm run openapi                      # writes docs/openapi.json
//   node scripts/openapi.js out.json     # elsewhere
//   OPENAPI_SKIP_BUILD=1 ...             # use the existing dist/ build even if sources are newer
//
// The api is built only when a source is newer than its build (CI has just run `npm run build`):
// a full tsc build is the heaviest thing a test could do, and starves the tests beside it.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const MAIN = path.join(ROOT, 'dist/apps/api/apps/api/src/main.js');

/** The newest modification time of the files the api build reads. */
function newestSource() {
  let newest = 0;
  const visit = (entry) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry)) if (name !== 'node_modules') visit(path.join(entry, name));
    } else if (/\.(ts|json)$/.test(entry)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of ['apps', 'libs', 'nest-cli.json', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) {
    const full = path.join(ROOT, entry);
    if (fs.existsSync(full)) visit(full);
  }
  return newest;
}

function buildIsCurrent() {
  return fs.existsSync(MAIN) && fs.statSync(MAIN).mtimeMs > newestSource();
}

function build() {
  const result = spawnSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build', 'api'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`nest build api failed:\n${result.stdout}\n${result.stderr}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function withTemporaryDatabase(run) {
  const { Client } = require('pg');
  const adminUrl = process.env.OPENAPI_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `ajar_openapi_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Starts the built API and returns its /docs-json. `databaseUrl`: where it may connect. */
async function fetchServedDocument({ databaseUrl, skipBuild = false, timeoutMs = 60_000 }) {
  if (!skipBuild && !buildIsCurrent()) build();
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      AJAR_API_DOCS: 'public',
      AJAR_QUEUE_PREFIX: `ajar-openapi-${process.pid}`,
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}: ${stderr}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/docs-json`);
        if (response.ok) return await response.json();
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the API did not serve /docs-json within ${timeoutMs} ms: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

module.exports = { fetchServedDocument, withTemporaryDatabase };

if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'docs/openapi.json'));
  const run = (databaseUrl) => fetchServedDocument({ databaseUrl, skipBuild: process.env.OPENAPI_SKIP_BUILD === '1' });
  const generated = process.env.DATABASE_URL ? run(process.env.DATABASE_URL) : withTemporaryDatabase(run);
  generated
    .then((document) => {
      fs.writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
      process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
    })
    .catch((error) => {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exit(1);
    });
}
