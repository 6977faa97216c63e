import fc from 'fast-check';
import type { Test } from 'supertest';
import { caseSubmission } from '../../support/case-fixtures';
import { ROLES } from '@ajar/kernel';
import { BOOTSTRAP_TOKEN, TestSystem } from '../../support/test-system';

/** Runs of the property; each is one request and two row counts. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** One UTF-16 unit or code point of any Unicode category, with NUL and lone surrogates made likely. */
const anyCharacter = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff', '\ufffe', '\u2028', '\u200b', '"', '\\', '[', '{') },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((point) => String.fromCodePoint(point)) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const anyString = fc.string({ unit: anyCharacter, maxLength: 40 });

/** Strings of a case submission a fuzzed value may replace: top level, in an array, deep in a disclosure. */
const CASE_FIELDS: ((body: Record<string, unknown>, value: unknown) => void)[] = [
  (body, value) => (body.title = value),
  (body, value) => (body.externalRef = value),
  (body, value) => ((body.partners as Record<string, unknown>[])[0].name = value),
  (body, value) => ((body.partners as Record<string, unknown>[])[1].country = value),
  (body, value) => ((body.keywords as unknown[])[0] = value),
  (body, value) => ((body.personnel as Record<string, unknown>[])[0].name = value),
  (body, value) => (((body.personnel as { disclosure: { affiliations: { organisation: Record<string, unknown> }[] } }[])[0].disclosure.affiliations[0].organisation.name = value)),
];

function nest(depth: number, object: boolean): string {
  return object ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + '1' + ']'.repeat(depth);
}

/** A raw request body: text, not always JSON. */
const body: fc.Arbitrary<string> = fc.oneof(
  // Any JSON, strings of every category.
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 5, stringUnit: anyCharacter }).map((value) => JSON.stringify(value)) },
  // A valid case with one string replaced by anything.
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: CASE_FIELDS.length - 1 }), fc.oneof(anyString, fc.jsonValue({ maxDepth: 3, stringUnit: anyCharacter })))
      .map(([field, value]) => {
        const submission = caseSubmission();
        CASE_FIELDS[field](submission, value);
        return JSON.stringify(submission);
      }),
  },
  // Deep nesting, around and far beyond the limit.
  { weight: 2, arbitrary: fc.tuple(fc.oneof(fc.integer({ min: 28, max: 40 }), fc.integer({ min: 41, max: 20_000 })), fc.boolean()).map(([depth, object]) => nest(depth, object)) },
  // Duplicate keys, at the top or nested.
  {
    weight: 2,
    arbitrary: fc.tuple(anyString, fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), fc.boolean()).map(([key, first, second, nested]) => {
      const object = `{${JSON.stringify(key)}:${JSON.stringify(first)},"name":"k",${JSON.stringify(key)}:${JSON.stringify(second)}}`;
      return nested ? `{"roles":["auditor"],"kind":"sanctions","title":"t","inner":${object}}` : object;
    }),
  },
  // Size, up to past the 1 MB limit.
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1_100_000 }).map((size) => JSON.stringify({ name: 'x'.repeat(size), roles: ['auditor'] })) },
  // Not JSON at all.
  { weight: 1, arbitrary: anyString },
);

describe('fuzzed bodies on the write routes: never a 5xx, and a refused request writes nothing', () => {
  let system: TestSystem;
  let admin: string;
  let integrator: string;
  let caseId: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    admin = (await system.createTenant()).adminKey;
    integrator = await system.issueKey(admin, ['integrator']);
    caseId = ((await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(caseSubmission()).expect(202)).body as { id: string }).id;
  });
  afterAll(() => system.stop());

  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const routes: [string, (text: string) => Test][] = [
    ['POST /v1/cases', (text) => system.http().post('/v1/cases').set(as(integrator)).type('json').send(text)],
    ['PATCH /v1/cases/{id}', (text) => system.http().patch(`/v1/cases/${caseId}`).set(as(integrator)).type('json').send(text)],
    ['PUT /v1/policies/{name}', (text) => system.http().put('/v1/policies/fuzz').set(as(admin)).type('json').send(text)],
    ['PUT /v1/reference-lists/{id}', (text) => system.http().put('/v1/reference-lists/fuzz').set(as(admin)).type('json').send(text)],
    ['POST /v1/api-keys', (text) => system.http().post('/v1/api-keys').set(as(admin)).type('json').send(text)],
    ['POST /v1/calls', (text) => system.http().post('/v1/calls').set(as(admin)).type('json').send(text)],
  ];

  const writes = async (): Promise<string> =>
    JSON.stringify(
      await system.query(
        `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM events) AS events,
                (SELECT count(*) FROM outbox_messages) AS outbox, (SELECT count(*) FROM idempotency_records) AS idempotency,
                (SELECT count(*) FROM api_keys) AS api_keys, (SELECT count(*) FROM policy_versions) AS policy_versions,
                (SELECT count(*) FROM reference_lists) AS reference_lists, (SELECT count(*) FROM calls) AS calls`,
      ),
    );

  it(`${RUNS} generated requests`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: routes.length - 1 }), body, async (route, text) => {
        const before = await writes();
        const response = await routes[route][1](text);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) throw new Error(`${routes[route][0]} answered ${response.status}: ${JSON.stringify(response.body)}`);
        if (response.status >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(await writes()).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
    // The fuzz reached the routes' own validation and storage, not only the body guard.
    expect([...statuses.keys()].some((status) => status < 300)).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });
});

interface ExpressLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

describe('fuzzed bodies on every POST, PUT and PATCH route the app mounts', () => {
  let system: TestSystem;
  let caseId: string;
  /** Each route with the first credential that gets past authentication and roles. */
  const routes: { method: 'post' | 'put' | 'patch'; path: string; credential: string }[] = [];

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    const credentials = [BOOTSTRAP_TOKEN];
    let submitter = '';
    for (const kind of ['institution', 'funder', 'advisory_body'] as const) {
      const { adminKey } = await system.createTenant(kind, `Fuzz ${kind}`);
      credentials.push(adminKey);
      for (const role of ROLES.filter((one) => one !== 'admin')) {
        const issued = await system.http().post('/v1/api-keys').set('Authorization', `Bearer ${adminKey}`).send({ name: role, roles: [role] });
        if (issued.status !== 201) continue;
        credentials.push((issued.body as { key: string }).key);
        if (kind === 'institution' && role === 'integrator') submitter = (issued.body as { key: string }).key;
      }
    }
    caseId = ((await system.http().post('/v1/cases').set('Authorization', `Bearer ${submitter}`).send(caseSubmission()).expect(202)).body as { id: string }).id;
    const express = system.api.getHttpAdapter().getInstance() as { router?: { stack: ExpressLayer[] }; _router?: { stack: ExpressLayer[] } };
    for (const layer of express.router?.stack ?? express._router?.stack ?? []) {
      if (!layer.route || typeof layer.route.path !== 'string') continue;
      // Signed inbound needs a signature over the body (its own test refuses bad bodies).
      if (layer.route.path.startsWith('/v1/inbound/') || !layer.route.path.startsWith('/v1/')) continue;
      const path = layer.route.path.replace(/:(\w+)/g, (_match, name: string) => (/name|list/i.test(name) ? 'fuzz' : caseId));
      for (const method of (['post', 'put', 'patch'] as const).filter((one) => layer.route!.methods[one])) {
        let chosen = credentials[1];
        for (const credential of credentials) {
          const probe = await system.http()[method](path).set('Authorization', `Bearer ${credential}`).type('json').send('{}');
          if (probe.status !== 401 && probe.status !== 403) {
            chosen = credential;
            break;
          }
        }
        routes.push({ method, path, credential: chosen });
      }
    }
  });
  afterAll(() => system.stop());

  const writes = async (): Promise<string> =>
    JSON.stringify(
      await system.query(
        `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM events) AS events,
                (SELECT count(*) FROM outbox_messages) AS outbox, (SELECT count(*) FROM idempotency_records) AS idempotency,
                (SELECT count(*) FROM api_keys) AS api_keys, (SELECT count(*) FROM tenants) AS tenants,
                (SELECT count(*) FROM policy_versions) AS policy_versions, (SELECT count(*) FROM reference_lists) AS reference_lists,
                (SELECT count(*) FROM reference_list_versions) AS list_versions, (SELECT count(*) FROM calls) AS calls,
                (SELECT count(*) FROM webhook_endpoints) AS webhook_endpoints, (SELECT count(*) FROM inbound_integrations) AS integrations,
                (SELECT count(*) FROM tenant_advisors) AS advisors, (SELECT count(*) FROM advisor_registration_codes) AS advisor_codes, (SELECT count(*) FROM case_escalations) AS escalations`,
      ),
    );

  it(`${RUNS} generated requests`, async () => {
    expect(routes.length).toBeGreaterThan(20);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: routes.length - 1 }), body, async (index, text) => {
        const route = routes[index];
        const before = await writes();
        const response = await system.http()[route.method](route.path).set('Authorization', `Bearer ${route.credential}`).type('json').send(text);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) throw new Error(`${route.method.toUpperCase()} ${route.path} answered ${response.status}: ${JSON.stringify(response.body)}`);
        if (response.status >= 400) expect(await writes()).toBe(before);
      }),
      { numRuns: RUNS },
    );
    expect(statuses.get(400)).toBeGreaterThan(0);
  });
});
