import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { TestSystem } from '../../support/test-system';

// 127.0.0.1 is allow-listed (plain http too) so a local URL can be registered; every other
// loopback spelling below uses 127.0.0.2, which stays refused.
process.env.AJAR_EGRESS_ALLOW = '127.0.0.1';

const ROLES = ['admin', 'rso', 'approver', 'applicant', 'ethics_committee', 'national_advisor', 'auditor', 'integrator'] as const;
type Role = (typeof ROLES)[number];
type Method = 'get' | 'post' | 'delete';

const READERS: Role[] = ['admin', 'integrator', 'auditor'];
const ADMIN: Role[] = ['admin'];
const REPLAYERS: Role[] = ['admin', 'integrator'];

const LOCAL_URL = 'http://127.0.0.1:9/hook';
const UNKNOWN_ID = '0190f1c2-7d3e-7000-8000-000000000000';

interface FieldProblem {
  field: string;
  reason: string;
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldProblem[];
}

interface EndpointView {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  state: 'enabled' | 'disabled';
  disabledReason: string | null;
  failingSince: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface CreatedEndpoint extends EndpointView {
  secret: string | null;
  secretShownOnce?: boolean;
}

interface Counts {
  endpoints: number;
  events: number;
  deliveries: number;
  outbox: number;
  idempotency: number;
}

const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
/** The distinct fields named (one field may fail several constraints). */
const fields = (problem: Problem): string[] => [...new Set((problem.errors ?? []).map((error) => error.field))].sort();

/** A problem+json answer with this status (and code), never a 5xx, never a stack trace. */
function expectProblem(response: { status: number; headers: Record<string, string>; body: unknown }, status: number, code?: string): Problem {
  const problem = response.body as Problem;
  expect({ status: response.status, code: problem.code }).toEqual({ status, code: code ?? expect.any(String) });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(problem.status).toBe(status);
  expect(problem.type).toMatch(/^urn:ajar:problem:/);
  expect(typeof problem.detail).toBe('string');
  expect(JSON.stringify(problem)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return problem;
}

describe('webhook endpoints: registration, SSRF vetting, bad input, roles, tenant isolation, lifecycle', () => {
  let system: TestSystem;
  let tenantId: string;
  let adminKey: string;
  const keys = {} as Record<Role, string>;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    ({ tenantId, adminKey } = await system.createTenant('institution', 'Webhooks University'));
    for (const role of ROLES) if (role !== 'admin' && role !== 'national_advisor') keys[role] = await system.issueKey(adminKey, [role], `only ${role}`);
    keys.admin = adminKey;
    // The national_advisor role exists only in advisory_body tenants.
    const advisory = await system.createTenant('advisory_body', 'Advisory Body');
    keys.national_advisor = await system.issueKey(advisory.adminKey, ['national_advisor'], 'only national_advisor');
  });
  afterAll(() => system.stop());

  const as = (token: string) => ({
    get: (path: string): Test => system.http().get(path).set(...bearer(token)),
    post: (path: string): Test => system.http().post(path).set(...bearer(token)),
    delete: (path: string): Test => system.http().delete(path).set(...bearer(token)),
  });
  const admin = () => as(adminKey);

  const create = async (body: Record<string, unknown> = {}, token = adminKey): Promise<CreatedEndpoint> =>
    (await as(token).post('/v1/webhook-endpoints').send({ url: LOCAL_URL, ...body }).expect(201)).body as CreatedEndpoint;

  const counts = async (): Promise<Counts> => {
    const [row] = await system.query<Counts>(
      `SELECT (SELECT count(*)::int FROM webhook_endpoints) AS endpoints,
              (SELECT count(*)::int FROM events) AS events,
              (SELECT count(*)::int FROM webhook_deliveries) AS deliveries,
              (SELECT count(*)::int FROM outbox_messages) AS outbox,
              (SELECT count(*)::int FROM idempotency_records) AS idempotency`,
    );
    return row;
  };

  const endpointRow = async (id: string): Promise<{ state: string; version: number; secret: string; deleted_at: Date | null }> =>
    (await system.query<{ state: string; version: number; secret: string; deleted_at: Date | null }>(
      `SELECT state, version, secret, deleted_at FROM webhook_endpoints WHERE id = $1`,
      [id],
    ))[0];

  /** A message of this tenant, sent to `endpointId`, written as the fan-out would (no worker here). */
  const message = async (owner: string, endpointId: string): Promise<string> => {
    const id = randomUUID();
    const body = JSON.stringify({ type: 'case.submitted.v1', timestamp: new Date().toISOString(), data: { caseId: randomUUID(), sequence: 1 } });
    await system.query(`INSERT INTO webhook_messages (id, tenant_id, event_type, body, created_at) VALUES ($1, $2, 'case.submitted.v1', $3, now())`, [id, owner, body]);
    await system.query(
      `INSERT INTO webhook_deliveries (id, tenant_id, message_id, endpoint_id, origin, state, attempts, next_attempt_at, last_status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'event', 'succeeded', 1, NULL, 204, now(), now())`,
      [randomUUID(), owner, id, endpointId],
    );
    return id;
  };

  describe('registration', () => {
    it('creates an endpoint (201) and shows its whsec_ secret this once; reads never show a secret', async () => {
      const response = await admin()
        .post('/v1/webhook-endpoints')
        .send({ url: LOCAL_URL, eventTypes: ['case.submitted.v1', 'case.screening_completed.v1'], description: 'grant system' })
        .expect(201);
      const created = response.body as CreatedEndpoint;
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        url: LOCAL_URL,
        description: 'grant system',
        eventTypes: ['case.submitted.v1', 'case.screening_completed.v1'],
        state: 'enabled',
        disabledReason: null,
        failingSince: null,
        previousSecretExpiresAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      });
      expect(Date.parse(created.createdAt)).not.toBeNaN();
      const secret = created.secret as string;
      expect((await endpointRow(created.id)).secret).toBe(secret);

      const { secret: _shownOnce, ...view } = created;
      const one = await admin().get(`/v1/webhook-endpoints/${created.id}`).expect(200);
      expect(one.body).toEqual(view);
      const list = await admin().get('/v1/webhook-endpoints').expect(200);
      expect((list.body as { items: EndpointView[] }).items).toContainEqual(view);
      for (const body of [one.body, list.body]) {
        expect(JSON.stringify(body)).not.toContain('whsec_');
        expect(JSON.stringify(body)).not.toContain(secret.slice(6));
      }
    });

    it('takes every type when eventTypes is omitted or empty, and stores the normalised URL', async () => {
      const omitted = await create({ url: 'http://127.0.0.1:9' });
      expect(omitted).toMatchObject({ url: 'http://127.0.0.1:9/', eventTypes: [], description: null });
      const empty = await create({ eventTypes: [] });
      expect(empty.eventTypes).toEqual([]);
    });

    it('answers an Idempotency-Key replay with secret: null and secretShownOnce, creating no second endpoint and storing no secret', async () => {
      const idempotencyKey = `endpoint-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const body = { url: LOCAL_URL, description: `idempotent ${idempotencyKey}` };
      const first = await admin().post('/v1/webhook-endpoints').set('Idempotency-Key', idempotencyKey).send(body).expect(201);
      const created = first.body as CreatedEndpoint;
      expect(created.secret).toMatch(/^whsec_/);
      expect(first.headers['idempotent-replayed']).toBeUndefined();

      const replay = await admin().post('/v1/webhook-endpoints').set('Idempotency-Key', idempotencyKey).send(body).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual({ ...created, secret: null, secretShownOnce: true });

      expect(await system.query(`SELECT id FROM webhook_endpoints WHERE tenant_id = $1 AND description = $2`, [tenantId, body.description])).toEqual([{ id: created.id }]);
      expect(await system.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [created.id])).toEqual([{ n: 1 }]);
      const records = await system.query<{ response_body: unknown }>(`SELECT response_body FROM idempotency_records WHERE key = $1`, [idempotencyKey]);
      expect(records).toHaveLength(1);
      expect(JSON.stringify(records[0].response_body)).not.toContain('whsec_');
      // The secret shown first is still the one that signs.
      expect((await endpointRow(created.id)).secret).toBe(created.secret);
    });

    it('answers a rotation replayed under its Idempotency-Key with secret: null, rotating only once', async () => {
      const endpoint = await create();
      const idempotencyKey = `rotate-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const first = await admin().post(`/v1/webhook-endpoints/${endpoint.id}/secret-rotation`).set('Idempotency-Key', idempotencyKey).send({ overlapSeconds: 60 }).expect(201);
      expect(first.body).toEqual({ endpointId: endpoint.id, secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(String) });
      const replay = await admin().post(`/v1/webhook-endpoints/${endpoint.id}/secret-rotation`).set('Idempotency-Key', idempotencyKey).send({ overlapSeconds: 60 }).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual({ ...first.body, secret: null, secretShownOnce: true });
      expect(await endpointRow(endpoint.id)).toMatchObject({ secret: first.body.secret, version: 2 });
    });
  });

  describe('SSRF: a destination that is not public is refused at registration (422), nothing written', () => {
    it.each([
      ['http://example.com/hook', /plain http/],
      ['https://10.0.0.1/', /10\.0\.0\.1 is a private address/],
      ['https://172.16.0.1/', /172\.16\.0\.1 is a private address/],
      ['https://192.168.1.1/', /192\.168\.1\.1 is a private address/],
      ['https://169.254.169.254/latest/meta-data', /metadata/],
      ['https://100.64.0.1/', /carrier-grade NAT/],
      ['https://[::1]/', /loopback/],
      ['https://[fc00::1]/', /unique local/],
      ['https://[fe80::1]/', /link-local/],
      ['https://[::ffff:127.0.0.2]/', /127\.0\.0\.2 is a loopback address/],
      ['https://2130706434/', /127\.0\.0\.2 is a loopback address/],
      ['https://0x7f000002/', /127\.0\.0\.2 is a loopback address/],
      ['https://0177.0.0.2/', /127\.0\.0\.2 is a loopback address/],
      ['https://localhost/', /localhost/],
      ['https://user:pass@example.com/', /credentials/],
      ['https://0.0.0.0/', /unspecified/],
      ['ftp://example.com/hook', /scheme/],
      ['not a url', /not a valid absolute URL/],
    ])('%s', async (url, reason) => {
      const before = await counts();
      const response = await admin().post('/v1/webhook-endpoints').send({ url });
      const problem = expectProblem(response, 422, 'WEBHOOK.URL_REFUSED');
      expect(fields(problem)).toEqual(['url']);
      expect(problem.errors?.[0].reason).toMatch(reason);
      expect(problem.detail).toMatch(/^url: /);
      expect(await counts()).toEqual(before);
    });

    it('accepts an allow-listed http destination (http://127.0.0.1:9/hook)', async () => {
      const before = await counts();
      const created = await create({ url: LOCAL_URL });
      expect(created.url).toBe(LOCAL_URL);
      expect(await counts()).toMatchObject({ endpoints: before.endpoints + 1, events: before.events + 1 });
    });
  });

  describe('bad input is refused with problem+json naming the field, and writes nothing', () => {
    it('refuses any field sent to disable or enable, which take no input, and changes nothing', async () => {
      const created = await create();
      for (const action of ['disable', 'enable']) {
        const refused = await admin().post(`/v1/webhook-endpoints/${created.id}/${action}`).send({ state: 'disabled', reason: 'x' });
        const problem = expectProblem(refused, 400, 'REQUEST.VALIDATION_FAILED');
        expect(problem.errors?.map((error) => error.field)).toEqual(['state', 'reason']);
      }
      expect(await endpointRow(created.id)).toMatchObject({ state: 'enabled', version: 1 });
      // No body at all is fine.
      await admin().post(`/v1/webhook-endpoints/${created.id}/disable`).expect(200);
    });

    interface BadInput {
      name: string;
      request: () => Test;
      status: number;
      code?: string;
      fields: string[];
      reason?: RegExp;
    }

    let endpointId: string;
    let versionBefore: number;
    beforeAll(async () => {
      endpointId = (await create()).id;
      versionBefore = (await endpointRow(endpointId)).version;
    });

    const cases: BadInput[] = [
      {
        name: 'an unknown event type in eventTypes',
        request: () => admin().post('/v1/webhook-endpoints').send({ url: LOCAL_URL, eventTypes: ['case.submitted.v1', 'case.exploded.v1'] }),
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        fields: ['eventTypes'],
        reason: /case\.submitted\.v1/,
      },
      {
        name: 'an internal event name instead of a wire type',
        request: () => admin().post('/v1/webhook-endpoints').send({ url: LOCAL_URL, eventTypes: ['CaseSubmitted'] }),
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        fields: ['eventTypes'],
      },
      {
        name: 'eventTypes twice the same',
        request: () => admin().post('/v1/webhook-endpoints').send({ url: LOCAL_URL, eventTypes: ['case.submitted.v1', 'case.submitted.v1'] }),
        status: 400,
        fields: ['eventTypes'],
      },
      {
        name: 'eventTypes not an array',
        request: () => admin().post('/v1/webhook-endpoints').send({ url: LOCAL_URL, eventTypes: 'case.submitted.v1' }),
        status: 400,
        fields: ['eventTypes'],
      },
      {
        name: 'an unknown body field (a caller-chosen secret)',
        request: () => admin().post('/v1/webhook-endpoints').send({ url: LOCAL_URL, secret: 'whsec_bWluZQ==' }),
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        fields: ['secret'],
        reason: /not a known field/,
      },
      {
        name: 'url missing',
        request: () => admin().post('/v1/webhook-endpoints').send({ eventTypes: [] }),
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        fields: ['url'],
      },
      {
        name: 'url not a string',
        request: () => admin().post('/v1/webhook-endpoints').send({ url: 42 }),
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        fields: ['url'],
      },
      {
        name: 'url over 2000 characters',
        request: () => admin().post('/v1/webhook-endpoints').send({ url: `https://example.com/${'a'.repeat(2000)}` }),
        status: 400,
        fields: ['url'],
      },
      {
        name: 'a description over 500 characters',
        request: () => admin().post('/v1/webhook-endpoints').send({ url: LOCAL_URL, description: 'd'.repeat(501) }),
        status: 400,
        fields: ['description'],
      },
      {
        name: 'overlapSeconds 10 000 000 on a rotation (over 7 days)',
        request: () => admin().post(`/v1/webhook-endpoints/${endpointId}/secret-rotation`).send({ overlapSeconds: 10_000_000 }),
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        fields: ['overlapSeconds'],
      },
      {
        name: 'a negative overlapSeconds',
        request: () => admin().post(`/v1/webhook-endpoints/${endpointId}/secret-rotation`).send({ overlapSeconds: -1 }),
        status: 400,
        fields: ['overlapSeconds'],
      },
      {
        name: 'overlapSeconds as a string',
        request: () => admin().post(`/v1/webhook-endpoints/${endpointId}/secret-rotation`).send({ overlapSeconds: '3600' }),
        status: 400,
        fields: ['overlapSeconds'],
      },
      ...(
        [
          ['GET', () => admin().get('/v1/webhook-endpoints/not-a-uuid')],
          ['disable', () => admin().post('/v1/webhook-endpoints/not-a-uuid/disable').send({})],
          ['enable', () => admin().post('/v1/webhook-endpoints/not-a-uuid/enable').send({})],
          ['DELETE', () => admin().delete('/v1/webhook-endpoints/not-a-uuid')],
          ['rotation', () => admin().post('/v1/webhook-endpoints/not-a-uuid/secret-rotation').send({})],
          ['attempts', () => admin().get('/v1/webhook-endpoints/not-a-uuid/attempts')],
          ['message', () => admin().get('/v1/webhook-messages/not-a-uuid')],
          ['replay', () => admin().post('/v1/webhook-messages/not-a-uuid/replay').send({})],
        ] as [string, () => Test][]
      ).map(([name, request]) => ({ name: `a non-UUID id in the path (${name})`, request, status: 400, code: 'REQUEST.INVALID_ID', fields: ['id'], reason: /UUID/ })),
      {
        name: 'attempts cursor=abc',
        request: () => admin().get(`/v1/webhook-endpoints/${endpointId}/attempts?cursor=abc`),
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        fields: ['cursor'],
        reason: /nextCursor/,
      },
      {
        name: 'attempts limit=0',
        request: () => admin().get(`/v1/webhook-endpoints/${endpointId}/attempts?limit=0`),
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        fields: ['limit'],
      },
      {
        name: 'attempts limit=201',
        request: () => admin().get(`/v1/webhook-endpoints/${endpointId}/attempts?limit=201`),
        status: 400,
        fields: ['limit'],
      },
      {
        name: 'attempts limit=ten',
        request: () => admin().get(`/v1/webhook-endpoints/${endpointId}/attempts?limit=ten`),
        status: 400,
        fields: ['limit'],
      },
      {
        name: 'an unknown attempts query parameter',
        request: () => admin().get(`/v1/webhook-endpoints/${endpointId}/attempts?before=1`),
        status: 400,
        fields: ['before'],
      },
      {
        name: "replay with endpointId 'x'",
        request: () => admin().post(`/v1/webhook-messages/${UNKNOWN_ID}/replay`).send({ endpointId: 'x' }),
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        fields: ['endpointId'],
      },
      {
        name: 'replay with an unknown body field',
        request: () => admin().post(`/v1/webhook-messages/${UNKNOWN_ID}/replay`).send({ force: true }),
        status: 400,
        fields: ['force'],
      },
    ];

    it.each(cases)('$name', async (input) => {
      const before = await counts();
      const response = await input.request();
      expect(response.status).toBeLessThan(500);
      const problem = expectProblem(response, input.status, input.code);
      expect(fields(problem)).toEqual([...input.fields].sort());
      expect(problem.errors?.length).toBeGreaterThan(0);
      if (input.reason) for (const error of problem.errors ?? []) expect(error.reason).toMatch(input.reason);
      expect(await counts()).toEqual(before);
      expect((await endpointRow(endpointId)).version).toBe(versionBefore);
    });

    it.each([
      ['GET', () => admin().get(`/v1/webhook-endpoints/${UNKNOWN_ID}`), 'WEBHOOK.ENDPOINT_NOT_FOUND'],
      ['disable', () => admin().post(`/v1/webhook-endpoints/${UNKNOWN_ID}/disable`).send({}), 'WEBHOOK.ENDPOINT_NOT_FOUND'],
      ['DELETE', () => admin().delete(`/v1/webhook-endpoints/${UNKNOWN_ID}`), 'WEBHOOK.ENDPOINT_NOT_FOUND'],
      ['rotation', () => admin().post(`/v1/webhook-endpoints/${UNKNOWN_ID}/secret-rotation`).send({}), 'WEBHOOK.ENDPOINT_NOT_FOUND'],
      ['attempts', () => admin().get(`/v1/webhook-endpoints/${UNKNOWN_ID}/attempts`), 'WEBHOOK.ENDPOINT_NOT_FOUND'],
      ['message', () => admin().get(`/v1/webhook-messages/${UNKNOWN_ID}`), 'WEBHOOK.MESSAGE_NOT_FOUND'],
      ['replay', () => admin().post(`/v1/webhook-messages/${UNKNOWN_ID}/replay`).send({}), 'WEBHOOK.MESSAGE_NOT_FOUND'],
    ] as [string, () => Test, string][])('an unknown id (%s) is 404', async (_name, request, code) => {
      const before = await counts();
      expectProblem(await request(), 404, code);
      expect(await counts()).toEqual(before);
    });
  });

  describe('roles', () => {
    interface RouteContract {
      route: string;
      method: Method;
      allowed: Role[];
      success: number;
      call: () => Promise<{ path: string; body?: Record<string, unknown> }>;
    }

    let shared: string;
    let sharedMessage: string;
    beforeAll(async () => {
      shared = (await create({ description: 'shared by the role checks' })).id;
      sharedMessage = await message(tenantId, shared);
    });

    const contracts: RouteContract[] = [
      { route: 'POST /v1/webhook-endpoints', method: 'post', allowed: ADMIN, success: 201, call: async () => ({ path: '/v1/webhook-endpoints', body: { url: LOCAL_URL } }) },
      { route: 'GET /v1/webhook-endpoints', method: 'get', allowed: READERS, success: 200, call: async () => ({ path: '/v1/webhook-endpoints' }) },
      { route: 'GET /v1/webhook-endpoints/:id', method: 'get', allowed: READERS, success: 200, call: async () => ({ path: `/v1/webhook-endpoints/${shared}` }) },
      { route: 'POST /v1/webhook-endpoints/:id/disable', method: 'post', allowed: ADMIN, success: 200, call: async () => ({ path: `/v1/webhook-endpoints/${(await create()).id}/disable`, body: {} }) },
      { route: 'POST /v1/webhook-endpoints/:id/enable', method: 'post', allowed: ADMIN, success: 200, call: async () => ({ path: `/v1/webhook-endpoints/${(await create()).id}/enable`, body: {} }) },
      { route: 'DELETE /v1/webhook-endpoints/:id', method: 'delete', allowed: ADMIN, success: 204, call: async () => ({ path: `/v1/webhook-endpoints/${(await create()).id}` }) },
      {
        route: 'POST /v1/webhook-endpoints/:id/secret-rotation',
        method: 'post',
        allowed: ADMIN,
        success: 201,
        call: async () => ({ path: `/v1/webhook-endpoints/${(await create()).id}/secret-rotation`, body: { overlapSeconds: 0 } }),
      },
      { route: 'GET /v1/webhook-endpoints/:id/attempts', method: 'get', allowed: READERS, success: 200, call: async () => ({ path: `/v1/webhook-endpoints/${shared}/attempts` }) },
      { route: 'GET /v1/webhook-event-types', method: 'get', allowed: READERS, success: 200, call: async () => ({ path: '/v1/webhook-event-types' }) },
      { route: 'GET /v1/webhook-messages/:id', method: 'get', allowed: READERS, success: 200, call: async () => ({ path: `/v1/webhook-messages/${sharedMessage}` }) },
      { route: 'POST /v1/webhook-messages/:id/replay', method: 'post', allowed: REPLAYERS, success: 202, call: async () => ({ path: `/v1/webhook-messages/${sharedMessage}/replay`, body: {} }) },
    ];

    it.each(contracts)('$route is open to exactly its roles; every other role gets 403 and changes nothing', async (contract) => {
      const outcomes: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const role of ROLES) {
        const allowed = contract.allowed.includes(role);
        const call = await contract.call();
        const before = await counts();
        let request = as(keys[role])[contract.method](call.path);
        if (call.body) request = request.send(call.body);
        const response = await request;
        outcomes[role] = response.status;
        expected[role] = allowed ? contract.success : 403;
        if (!allowed) {
          expectProblem(response, 403, 'AUTH.ROLE_REQUIRED');
          expect({ role, counts: await counts() }).toEqual({ role, counts: before });
        }
      }
      expect(outcomes).toEqual(expected);
    });

    it('lets the integrator and the auditor read endpoints and attempts, never a secret', async () => {
      for (const role of ['integrator', 'auditor'] as const) {
        const list = await as(keys[role]).get('/v1/webhook-endpoints').expect(200);
        expect((list.body as { items: EndpointView[] }).items.map((item) => item.id)).toContain(shared);
        const one = await as(keys[role]).get(`/v1/webhook-endpoints/${shared}`).expect(200);
        expect(one.body).toMatchObject({ id: shared, description: 'shared by the role checks' });
        const attempts = await as(keys[role]).get(`/v1/webhook-endpoints/${shared}/attempts`).expect(200);
        expect(attempts.body).toEqual({ items: [], nextCursor: null });
        for (const body of [list.body, one.body]) expect(JSON.stringify(body)).not.toContain('whsec_');
      }
    });

    it('lets the integrator replay a message (202) to the endpoint it went to', async () => {
      const before = await counts();
      const replay = await as(keys.integrator).post(`/v1/webhook-messages/${sharedMessage}/replay`).send({ endpointId: shared }).expect(202);
      expect(replay.body).toEqual({ messageId: sharedMessage, deliveries: [{ id: expect.any(String), endpointId: shared }] });
      expect(await counts()).toMatchObject({ deliveries: before.deliveries + 1, outbox: before.outbox + 1 });
    });

    it('refuses the integrator every change of an endpoint (403), leaving it as it was', async () => {
      const target = await create();
      const integrator = as(keys.integrator);
      const before = await endpointRow(target.id);
      for (const response of [
        await integrator.post('/v1/webhook-endpoints').send({ url: LOCAL_URL }),
        await integrator.post(`/v1/webhook-endpoints/${target.id}/disable`).send({}),
        await integrator.post(`/v1/webhook-endpoints/${target.id}/enable`).send({}),
        await integrator.delete(`/v1/webhook-endpoints/${target.id}`),
        await integrator.post(`/v1/webhook-endpoints/${target.id}/secret-rotation`).send({ overlapSeconds: 0 }),
      ]) {
        expectProblem(response, 403, 'AUTH.ROLE_REQUIRED');
      }
      expect(await endpointRow(target.id)).toEqual(before);
    });

    it('refuses the applicant the list (403) and a replay (403)', async () => {
      expectProblem(await as(keys.applicant).get('/v1/webhook-endpoints'), 403, 'AUTH.ROLE_REQUIRED');
      const before = await counts();
      expectProblem(await as(keys.applicant).post(`/v1/webhook-messages/${sharedMessage}/replay`).send({}), 403, 'AUTH.ROLE_REQUIRED');
      expect(await counts()).toEqual(before);
    });

    it('answers 401 without a key', async () => {
      expectProblem(await system.http().get('/v1/webhook-endpoints'), 401, 'AUTH.UNAUTHENTICATED');
      expectProblem(await system.http().post('/v1/webhook-endpoints').send({ url: LOCAL_URL }), 401, 'AUTH.UNAUTHENTICATED');
    });
  });

  describe('across tenants', () => {
    let otherTenant: string;
    let other: string;
    let endpointOfA: CreatedEndpoint;
    let messageOfA: string;

    beforeAll(async () => {
      const created = await system.createTenant('institution', 'Other Webhooks University');
      otherTenant = created.tenantId;
      other = created.adminKey;
      endpointOfA = await create({ description: 'A only' });
      messageOfA = await message(tenantId, endpointOfA.id);
    });

    it("answers 404 to every read or change of tenant A's endpoint and message by tenant B's admin, and changes nothing", async () => {
      const b = as(other);
      const ownOfB = (await create({ description: 'B own' }, other)).id;
      const rowBefore = await endpointRow(endpointOfA.id);
      const before = await counts();
      const endpointPath = `/v1/webhook-endpoints/${endpointOfA.id}`;
      const attempts: [string, () => Test, string][] = [
        ['GET one', () => b.get(endpointPath), 'WEBHOOK.ENDPOINT_NOT_FOUND'],
        ['attempts', () => b.get(`${endpointPath}/attempts`), 'WEBHOOK.ENDPOINT_NOT_FOUND'],
        ['disable', () => b.post(`${endpointPath}/disable`).send({}), 'WEBHOOK.ENDPOINT_NOT_FOUND'],
        ['enable', () => b.post(`${endpointPath}/enable`).send({}), 'WEBHOOK.ENDPOINT_NOT_FOUND'],
        ['delete', () => b.delete(endpointPath), 'WEBHOOK.ENDPOINT_NOT_FOUND'],
        ['rotation', () => b.post(`${endpointPath}/secret-rotation`).send({ overlapSeconds: 0 }), 'WEBHOOK.ENDPOINT_NOT_FOUND'],
        ['GET message', () => b.get(`/v1/webhook-messages/${messageOfA}`), 'WEBHOOK.MESSAGE_NOT_FOUND'],
        ['replay', () => b.post(`/v1/webhook-messages/${messageOfA}/replay`).send({}), 'WEBHOOK.MESSAGE_NOT_FOUND'],
        ['replay to its own endpoint', () => b.post(`/v1/webhook-messages/${messageOfA}/replay`).send({ endpointId: ownOfB }), 'WEBHOOK.MESSAGE_NOT_FOUND'],
      ];
      for (const [name, request, code] of attempts) {
        const response = await request();
        expect({ name, status: response.status, code: (response.body as Problem).code }).toEqual({ name, status: 404, code });
        expectProblem(response, 404, code);
      }
      expect(await counts()).toEqual(before);
      expect(await endpointRow(endpointOfA.id)).toEqual(rowBefore);

      // Tenant B's list holds its own endpoint only; tenant A still sees and replays its own.
      const listOfB = await b.get('/v1/webhook-endpoints').expect(200);
      expect((listOfB.body as { items: EndpointView[] }).items.map((item) => item.id)).toEqual([ownOfB]);
      await admin().get(endpointPath).expect(200);
      const read = await admin().get(`/v1/webhook-messages/${messageOfA}`).expect(200);
      expect(read.body).toMatchObject({ id: messageOfA, webhookId: `msg_${messageOfA.replace(/-/g, '')}`, eventType: 'case.submitted.v1' });
      expect(read.body.deliveries).toEqual([expect.objectContaining({ endpointId: endpointOfA.id, origin: 'event', state: 'succeeded', attempts: 1, lastStatus: 204 })]);
    });

    it("does not let tenant A replay its message to tenant B's endpoint", async () => {
      const ownOfB = (await create({ description: 'B target' }, other)).id;
      const before = await counts();
      expectProblem(await admin().post(`/v1/webhook-messages/${messageOfA}/replay`).send({ endpointId: ownOfB }), 404, 'WEBHOOK.ENDPOINT_NOT_FOUND');
      expect(await counts()).toEqual(before);
      expect(await system.query(`SELECT id FROM webhook_deliveries WHERE endpoint_id = $1`, [ownOfB])).toEqual([]);
      expect(otherTenant).not.toBe(tenantId);
    });
  });

  describe('lifecycle', () => {
    it('disables, enables, rotates and deletes an endpoint, recording each as an event without a secret', async () => {
      const created = await create({ eventTypes: ['case.submitted.v1'], description: 'lifecycle' });
      const path = `/v1/webhook-endpoints/${created.id}`;

      const disabled = await admin().post(`${path}/disable`).send({}).expect(200);
      expect(disabled.body).toMatchObject({ id: created.id, state: 'disabled', disabledReason: 'disabled by an administrator' });
      expect((await admin().get(path).expect(200)).body).toMatchObject({ state: 'disabled' });
      // Disabling again changes nothing and records nothing (the event list below has one disable).
      expect((await admin().post(`${path}/disable`).send({}).expect(200)).body).toMatchObject({ state: 'disabled' });
      // A replay to a disabled endpoint is refused, not accepted and then cancelled.
      await system.query(`INSERT INTO webhook_messages (id, tenant_id, event_type, body, created_at) VALUES ($1, $2, 'case.submitted.v1', '{}', now())`, [
        created.id,
        tenantId,
      ]);
      const refusedReplay = await admin().post(`/v1/webhook-messages/${created.id}/replay`).send({ endpointId: created.id });
      expectProblem(refusedReplay, 409, 'WEBHOOK.ENDPOINT_DISABLED');

      const enabled = await admin().post(`${path}/enable`).send({}).expect(200);
      expect(enabled.body).toMatchObject({ id: created.id, state: 'enabled', disabledReason: null, failingSince: null });
      expect((await admin().get(path).expect(200)).body).toMatchObject({ state: 'enabled' });

      const rotated = await admin().post(`${path}/secret-rotation`).send({ overlapSeconds: 3600 }).expect(201);
      expect(rotated.body).toEqual({ endpointId: created.id, secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(String) });
      expect(rotated.body.secret).not.toBe(created.secret);
      const expiresIn = Date.parse(rotated.body.previousSecretExpiresAt as string) - Date.now();
      expect(expiresIn).toBeGreaterThan(3500_000);
      expect(expiresIn).toBeLessThanOrEqual(3600_000);
      const afterRotation = (await admin().get(path).expect(200)).body as EndpointView;
      expect(afterRotation.previousSecretExpiresAt).toBe(rotated.body.previousSecretExpiresAt);
      expect(JSON.stringify(afterRotation)).not.toContain('whsec_');

      const deleted = await admin().delete(path).expect(204);
      expect(deleted.text).toBe('');
      expectProblem(await admin().get(path), 404, 'WEBHOOK.ENDPOINT_NOT_FOUND');
      expectProblem(await admin().get(`${path}/attempts`), 404, 'WEBHOOK.ENDPOINT_NOT_FOUND');
      const list = await admin().get('/v1/webhook-endpoints').expect(200);
      expect((list.body as { items: EndpointView[] }).items.map((item) => item.id)).not.toContain(created.id);
      expectProblem(await admin().delete(path), 404, 'WEBHOOK.ENDPOINT_NOT_FOUND');
      expectProblem(await admin().post(`${path}/enable`).send({}), 404, 'WEBHOOK.ENDPOINT_NOT_FOUND');
      expectProblem(await admin().post(`${path}/secret-rotation`).send({}), 404, 'WEBHOOK.ENDPOINT_NOT_FOUND');
      // The row stays (its attempts keep a referent), disabled and marked deleted.
      expect(await endpointRow(created.id)).toMatchObject({ state: 'disabled', version: 5, deleted_at: expect.any(Date) });

      const events = await system.query<{ stream_type: string; stream_version: number; type: string; payload: unknown; metadata: unknown; tenant_id: string }>(
        `SELECT stream_type, stream_version, type, payload, metadata, tenant_id FROM events WHERE stream_id = $1 ORDER BY stream_version`,
        [created.id],
      );
      expect(events.map((event) => [event.stream_version, event.type])).toEqual([
        [1, 'WebhookEndpointCreated'],
        [2, 'WebhookEndpointDisabled'],
        [3, 'WebhookEndpointEnabled'],
        [4, 'WebhookSecretRotated'],
        [5, 'WebhookEndpointDeleted'],
      ]);
      for (const event of events) {
        expect(event).toMatchObject({ stream_type: 'webhook-endpoint', tenant_id: tenantId });
        const stored = JSON.stringify([event.payload, event.metadata]);
        expect(stored).not.toContain('whsec_');
        expect(stored).not.toContain((created.secret as string).slice(6));
        expect(stored).not.toContain((rotated.body.secret as string).slice(6));
      }
      expect(events[0].payload).toEqual({ url: LOCAL_URL, eventTypes: ['case.submitted.v1'] });
      expect(events[1].payload).toEqual({ reason: 'manual' });
      expect(events[3].payload).toEqual({ overlapSeconds: 3600 });
    });

    it('no event anywhere holds a webhook secret', async () => {
      const [row] = await system.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE payload::text LIKE '%whsec_%' OR metadata::text LIKE '%whsec_%'`);
      expect(row.n).toBe(0);
      const [records] = await system.query<{ n: number }>(`SELECT count(*)::int AS n FROM idempotency_records WHERE response_body::text LIKE '%whsec_%'`);
      expect(records.n).toBe(0);
    });
  });

  describe('GET /v1/webhook-event-types', () => {
    it('lists the wire types an endpoint may subscribe to, sorted', async () => {
      const response = await as(keys.integrator).get('/v1/webhook-event-types').expect(200);
      const items = (response.body as { items: string[] }).items;
      expect(items).toEqual(expect.arrayContaining(['case.submitted.v1', 'case.screening_completed.v1', 'case.decision_recorded.v1', 'webhook.endpoint_disabled.v1']));
      expect(items).toEqual([...items].sort());
      expect(items).not.toContain('WebhookEndpointCreated');
      // Every listed type is accepted as a filter.
      const all = await create({ eventTypes: items });
      expect(all.eventTypes).toEqual(items);
    });
  });
});
