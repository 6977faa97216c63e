import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fetchServedDocument } from '../../../scripts/openapi';
import { databaseUrl, templateDatabase, testRunId, withAdmin } from '../../setup/test-database';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '../../..');
const WORK = path.join(ROOT, 'dist/openapi-contract');
const CLIENT = path.join(ROOT, 'examples/client');

interface RedoclyReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
}

interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/**
 * The API's contract as integrators get it: the document the built app serves (Swagger CLI plugin
 * metadata included) lints clean with Redocly's recommended rules, and the example client
 * type-checks against the types openapi-typescript generates from it, without a cast.
 */
describe('OpenAPI document', () => {
  const database = `ajar_test_${testRunId()}_openapi_${process.env.JEST_WORKER_ID ?? '0'}`;
  let document: Record<string, unknown>;
  const documentFile = path.join(WORK, 'openapi.json');

  beforeAll(async () => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    await withAdmin((client) => client.query(`CREATE DATABASE "${database}" TEMPLATE "${templateDatabase()}"`));
    // OPENAPI_SKIP_BUILD=1 reuses dist/ when `npm run build` has just run (CI does).
    document = await fetchServedDocument({ databaseUrl: databaseUrl(database), skipBuild: process.env.OPENAPI_SKIP_BUILD === '1' });
    writeFileSync(documentFile, JSON.stringify(document, null, 2));
  }, 180_000);

  afterAll(async () => {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  });

  it('is OpenAPI 3.1 with an operationId that reads as a method name on every operation', () => {
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths as Record<string, Record<string, Operation>>).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(60);
    const badIds = operations.map((operation) => operation.operationId ?? '').filter((id) => !/^[a-z][A-Za-z0-9]+$/.test(id));
    expect(badIds).toEqual([]);
  });

  it('documents Idempotency-Key on every POST and PATCH and If-Match at most once, never required', () => {
    for (const [route, item] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const headers = (operation.parameters ?? []).filter((parameter) => parameter.in === 'header');
        const named = (name: string) => headers.filter((header) => header.name.toLowerCase() === name);
        if (method === 'post' || method === 'patch') expect({ route, method, idempotency: named('idempotency-key').length }).toEqual({ route, method, idempotency: 1 });
        expect(named('if-match').length).toBeLessThanOrEqual(1);
        expect(named('if-match').filter((header) => header.required)).toEqual([]);
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) >= 400) expect({ route, method, status, types: Object.keys(response.content ?? {}) }).toEqual({ route, method, status, types: ['application/problem+json'] });
        }
      }
    }
  });

  it('lints with Redocly recommended rules: 0 errors, 0 warnings', async () => {
    const { stdout } = await run(process.execPath, [require.resolve('@redocly/cli/bin/cli.js'), 'lint', documentFile, '--format=json'], {
      cwd: ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as RedoclyReport;
    const problems = report.problems.map((problem) => `${problem.ruleId} ${problem.location[0]?.pointer}: ${problem.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it('types the example client: openapi-typescript, then tsc --noEmit with 0 errors, and the client has no cast', async () => {
    const code = readFileSync(path.join(CLIENT, 'client.ts'), 'utf8').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bas\s+[A-Za-z{[]|<[A-Z][A-Za-z]*>\s*[a-z(]|\w!\./);
    const checked = path.join(WORK, 'client');
    mkdirSync(checked, { recursive: true });
    for (const file of ['client.ts', 'tsconfig.json']) copyFileSync(path.join(CLIENT, file), path.join(checked, file));
    await run(process.execPath, [path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), documentFile, '-o', path.join(checked, 'ajar-api.d.ts')], { cwd: ROOT });
    const compiled = await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(checked, 'tsconfig.json')], { cwd: ROOT }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(compiled).toBe('');
  }, 120_000);
});
