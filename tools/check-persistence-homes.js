#!/usr/bin/env node
/**
 * Persistence homes, checked in CI (`npm run lint`):
 * 1. SQL (a string or template literal that is a statement, or a call of `.query(`,
 *    `.createQueryBuilder(`, `.getRepository(`) appears only in a repository, query service or
 *    projection: `libs/<context>/src/infrastructure/**\/*.{repository,query-service,projection}.ts`,
 *    or `libs/platform/<lib>/src/**\/*.{repository,query-service}.ts` for the platform libraries.
 *    Controllers, command handlers, queue processors, guards and domain code hold none.
 * 2. Such a file names only tables its own context owns (OWNERS below). Another context's data is
 *    read through that context's exported query service.
 * Every table the migrations create must have an owner here, so a new table cannot slip past.
 *
 * Usage: node tools/check-persistence-homes.js [--root <checkout>]
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

/** Which context owns each table. The platform libraries (libs/platform/*) share one owner. */
const OWNERS = {
  tenants: 'access',
  api_keys: 'access',
  tenant_advisors: 'access',
  advisor_registration_codes: 'access',
  cases: 'cases',
  assessments: 'cases',
  case_deadlines: 'cases',
  case_escalations: 'cases',
  policies: 'policies',
  policy_versions: 'policies',
  calls: 'policies',
  notice_deliveries: 'notifications',
  inbound_integrations: 'integrations',
  inbound_messages: 'integrations',
  webhook_endpoints: 'integrations',
  webhook_cursors: 'integrations',
  webhook_messages: 'integrations',
  webhook_deliveries: 'integrations',
  webhook_attempts: 'integrations',
  reference_lists: 'reference-lists',
  reference_list_versions: 'reference-lists',
  reference_list_entries: 'reference-lists',
  events: 'platform',
  event_chain: 'platform',
  event_chain_heads: 'platform',
  event_chain_pending: 'platform',
  idempotency_records: 'platform',
  outbox_messages: 'platform',
  inbox_messages: 'platform',
};

/** Files allowed to hold SQL outside a repository, with the reason. */
const ALLOWED = {
  'libs/platform/database/src/commit-signal.ts': 'LISTEN on its own connection for commit wake-ups; it reads no table',
};

const SQL_CALLS = new Set(['query', 'createQueryBuilder', 'getRepository']);
// Upper-case keywords only: the house writes SQL in capitals, and prose in messages does not match.
const SQL_STATEMENT = /\b(SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s+"?[a-z_]+"?\s+SET|DELETE\s+FROM|TRUNCATE|LOCK\s+TABLE)\b/;
const TABLE_REFERENCE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?/g;
const HOME = /^libs\/(?:[^/]+\/src\/(?:.*\/)?infrastructure\/(?:.*\/)?[^/]+\.(?:repository|query-service|projection)\.ts|platform\/[^/]+\/src\/(?:.*\/)?[^/]+\.(?:repository|query-service)\.ts)$/;

/** The context a source file belongs to: `cases`, `access`, …, `platform`, or the app name. */
function contextOf(relativePath) {
  const parts = relativePath.split('/');
  if (parts[0] === 'libs') return parts[1] === 'platform' ? 'platform' : parts[1];
  return `${parts[0]}/${parts[1]}`;
}

/** What one source file does with SQL: whether it uses any, and the known tables its SQL names. */
function sqlUse(relativePath, sourceText) {
  const source = ts.createSourceFile(relativePath, sourceText, ts.ScriptTarget.Latest, true);
  const tables = new Set();
  const evidence = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = ts.isTemplateExpression(node)
        ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? ')
        : node.text;
      if (SQL_STATEMENT.test(text)) evidence.push(`SQL at line ${line(source, node)}`);
      for (const match of text.matchAll(TABLE_REFERENCE)) if (match[1] in OWNERS) tables.add(match[1]);
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && SQL_CALLS.has(node.expression.name.text)) {
      evidence.push(`.${node.expression.name.text}() at line ${line(source, node)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { evidence, tables: [...tables] };
}

function line(source, node) {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/** The problems of one file, as sentences. */
function problemsOf(relativePath, sourceText) {
  const { evidence, tables } = sqlUse(relativePath, sourceText);
  const problems = [];
  if (evidence.length > 0 && !HOME.test(relativePath) && !(relativePath in ALLOWED)) {
    problems.push(`${relativePath}: SQL outside a repository, query service or projection (${evidence.slice(0, 3).join(', ')})`);
  }
  const context = contextOf(relativePath);
  for (const table of tables) {
    if (OWNERS[table] !== context) {
      problems.push(`${relativePath}: names table ${table}, owned by ${OWNERS[table]} (read it through that context's exported query service)`);
    }
  }
  return problems;
}

/** Tables the migrations leave in place (their `up` steps in order) that OWNERS does not place. */
function unownedTables(root) {
  const folder = path.join(root, 'migrations');
  const created = new Set();
  for (const name of fs.readdirSync(folder).filter((file) => /^\d+-.*\.ts$/.test(file)).sort()) {
    const text = fs.readFileSync(path.join(folder, name), 'utf8');
    const up = text.slice(text.indexOf(' up('), text.indexOf(' down(') > 0 ? text.indexOf(' down(') : undefined);
    for (const match of up.matchAll(/(CREATE|DROP) TABLE (?:IF (?:NOT )?EXISTS )?"?([a-z_][a-z0-9_]*)"?/g)) {
      if (match[1] === 'CREATE') created.add(match[2]);
      else created.delete(match[2]);
    }
  }
  return [...created].filter((table) => !(table in OWNERS)).map((table) => `table ${table} has no owner in tools/check-persistence-homes.js`);
}

function sourceFiles(root, folder) {
  const found = [];
  const walk = (directory) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'testing') walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        found.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  };
  walk(path.join(root, folder));
  return found;
}

function check(root) {
  const problems = unownedTables(root);
  for (const file of [...sourceFiles(root, 'apps'), ...sourceFiles(root, 'libs')]) {
    problems.push(...problemsOf(file, fs.readFileSync(path.join(root, file), 'utf8')));
  }
  return problems;
}

module.exports = { problemsOf, check, OWNERS };

if (require.main === module) {
  const rootFlag = process.argv.indexOf('--root');
  const root = rootFlag >= 0 ? path.resolve(process.argv[rootFlag + 1]) : path.resolve(__dirname, '..');
  const problems = check(root);
  for (const problem of problems) process.stdout.write(`${problem}\n`);
  process.stdout.write(problems.length === 0 ? 'persistence homes: clean\n' : `persistence homes: ${problems.length} problem(s)\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
