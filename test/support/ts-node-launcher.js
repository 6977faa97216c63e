'use strict';
// Runs a TypeScript entry point of this repository in a plain node process, for tests that spawn
// the real app: `node test/support/ts-node-launcher.js apps/api/src/main.ts`. Each .ts file is
// compiled with swc when first required (the options of .swcrc) and the @ajar/* aliases of
// tsconfig.json resolve through tsconfig-paths. node:cluster members re-run this same launcher
// (cluster forks process.argv[1] with the same arguments), so they load the app the same way.
//
// `eslint .` skips **/*.js (eslint.config.mjs); with --no-ignore, this is plain CommonJS for node:
/* global require, process, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- no TypeScript loader exists yet here */
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');
const { register } = require('tsconfig-paths');

const root = path.resolve(__dirname, '../..');

// The options of .swcrc, with source maps inline so stack traces name .ts lines.
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const swcOptions = { ...swcrc, sourceMaps: 'inline', swcrc: false, configFile: false };

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcOptions, filename });
  module._compile(code, filename);
};
process.setSourceMapsEnabled(true);

// After the .ts hook: tsconfig-paths looks for files with the extensions node knows.
const { compilerOptions } = require(path.join(root, 'tsconfig.json'));
register({ baseUrl: path.resolve(root, compilerOptions.baseUrl), paths: compilerOptions.paths });

const script = process.argv[2];
if (!script) {
  process.stderr.write('usage: node test/support/ts-node-launcher.js <script.ts> [args…]\n');
  process.exit(2);
}
require(path.resolve(script));
