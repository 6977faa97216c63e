#!/usr/bin/env node
// The npm registry reachable from our machines does not serve the platform builds of native
// packages for other systems (darwin, win32, …), so `npm install` leaves them out of
// package-lock.json and `npm ci` then refuses the lock as out of sync. This adds an entry with
// the right os/cpu for each such optional package; npm ci skips them on Linux as it should.
// Run after every `npm install` that changes the lock:  node .ci/complete-lockfile.js
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'netbsd', 'openbsd', 'sunos', 'aix'];
const CPU = ['arm64', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'arm'];

function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const os = tokens.find((token) => OS.includes(token));
  const cpu = tokens.find((token) => CPU.includes(token));
  if (!os || !cpu) return undefined;
  const libc = tokens.includes('musl') ? 'musl' : os === 'linux' && tokens.includes('gnu') ? 'glibc' : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

function resolvesFrom(location, dependency) {
  const parts = location.split('/node_modules/');
  for (let index = parts.length; index >= 0; index -= 1) {
    const prefix = parts.slice(0, index).join('/node_modules/');
    if (packages[`${prefix ? `${prefix}/node_modules/` : 'node_modules/'}${dependency}`]) return true;
  }
  return false;
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [dependency, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolvesFrom(location, dependency)) continue;
    const platform = platformOf(dependency);
    if (!platform) {
      console.error(`cannot tell the platform of ${dependency}; add it to the lock by hand`);
      process.exitCode = 1;
      continue;
    }
    packages[`node_modules/${dependency}`] = { version: range.replace(/^[~^=]/, ''), optional: true, ...platform };
    added += 1;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform entries added`);
