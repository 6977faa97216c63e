import { createHash } from 'node:crypto';
import { BOOTSTRAP_TOKEN, TestSystem } from '../../support/test-system';

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

interface CreatedTenant {
  tenant: { id: string; name: string; kind: string; createdAt: string };
  apiKey: { id: string; name: string; roles: string[]; key: string | null; displayPrefix: string };
  secretShownOnce?: boolean;
}

interface IssuedKey {
  id: string;
  name: string;
  roles: string[];
  key: string | null;
  displayPrefix: string;
  contactEmail: string | null;
  createdAt: string;
  secretShownOnce?: boolean;
}

interface KeyView {
  id: string;
  name: string;
  roles: string[];
  displayPrefix: string;
  contactEmail: string | null;
  createdAt: string;
  revokedAt: string | null;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
const fields = (problem: Problem): string[] => (problem.errors ?? []).map((error) => error.field);

function expectProblem(response: { status: number; headers: Record<string, string>; body: unknown }, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  expect(response.headers['content-type']).toContain('application/problem+json');
  const problem = response.body as Problem;
  expect(problem.status).toBe(status);
  expect(typeof problem.detail).toBe('string');
  return problem;
}

describe('tenants and API keys', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
  });
  afterAll(() => system.stop());

  const tenantCount = async (): Promise<number> => Number((await system.query<{ n: string }>(`SELECT count(*) AS n FROM tenants`))[0].n);
  const keyCount = async (tenantId: string): Promise<number> =>
    Number((await system.query<{ n: string }>(`SELECT count(*) AS n FROM api_keys WHERE tenant_id = $1`, [tenantId]))[0].n);

  describe('POST /v1/tenants', () => {
    it('creates a tenant with the bootstrap token and shows its admin key once', async () => {
      const response = await system.http().post('/v1/tenants').set(...bearer(BOOTSTRAP_TOKEN)).send({ name: 'Leiden University', kind: 'institution' }).expect(201);
      const body = response.body as CreatedTenant;
      expect(body.tenant).toEqual({ id: expect.any(String), name: 'Leiden University', kind: 'institution', createdAt: expect.any(String) });
      expect(body.apiKey).toEqual({ id: expect.any(String), name: 'initial admin key', roles: ['admin'], key: expect.stringMatching(/^ajar_[A-Za-z0-9_-]{43}$/), displayPrefix: expect.any(String) });
      const key = body.apiKey.key as string;
      expect(body.apiKey.displayPrefix).toBe(key.slice(0, 12));

      // The key works, and the tenant's key list never shows it again.
      const list = await system.http().get('/v1/api-keys').set(...bearer(key)).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(key);
      expect((list.body as { items: KeyView[] }).items).toEqual([
        { id: body.apiKey.id, name: 'initial admin key', roles: ['admin'], displayPrefix: body.apiKey.displayPrefix, contactEmail: null, createdAt: expect.any(String), revokedAt: null },
      ]);

      const tenants = await system.query<{ name: string; kind: string }>(`SELECT name, kind FROM tenants WHERE id = $1`, [body.tenant.id]);
      expect(tenants).toEqual([{ name: 'Leiden University', kind: 'institution' }]);
    });

    it('stores only the SHA-256 of the key: no column of the row holds the key itself', async () => {
      const { tenantId, adminKey } = await system.createTenant('funder', 'Hash Check Funder');
      const rows = await system.query<Record<string, unknown>>(`SELECT * FROM api_keys WHERE tenant_id = $1`, [tenantId]);
      expect(rows).toHaveLength(1);
      const row = rows[0];
      for (const [column, value] of Object.entries(row)) {
        const text = value instanceof Date ? value.toISOString() : JSON.stringify(value);
        expect({ column, holdsKey: String(text).includes(adminKey) }).toEqual({ column, holdsKey: false });
      }
      expect(String(row.key_hash).trim()).toBe(sha256(adminKey));
      expect(String(row.key_hash).trim()).toMatch(/^[0-9a-f]{64}$/);
      expect(row.display_prefix).toBe(adminKey.slice(0, 12));
      // Nor does any event of the tenant carry the key.
      const events = await system.query<{ payload: unknown; metadata: unknown }>(`SELECT payload, metadata FROM events WHERE tenant_id = $1`, [tenantId]);
      expect(events.length).toBeGreaterThan(0);
      expect(JSON.stringify(events)).not.toContain(adminKey);
    });

    it('answers 401 with WWW-Authenticate without a token, and creates nothing', async () => {
      const before = await tenantCount();
      const response = await system.http().post('/v1/tenants').send({ name: 'No Token', kind: 'institution' });
      expectProblem(response, 401, 'AUTH.UNAUTHENTICATED');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="ajar"');
      expect(await tenantCount()).toBe(before);
    });

    it('answers 401 to a wrong bootstrap token and to a non-bearer scheme', async () => {
      const before = await tenantCount();
      const wrong = await system.http().post('/v1/tenants').set(...bearer(`${BOOTSTRAP_TOKEN}x`)).send({ name: 'Wrong', kind: 'institution' });
      expectProblem(wrong, 401, 'AUTH.INVALID_CREDENTIALS');
      expect(wrong.headers['www-authenticate']).toBe('Bearer realm="ajar"');
      const basic = await system.http().post('/v1/tenants').set('Authorization', `Basic ${BOOTSTRAP_TOKEN}`).send({ name: 'Basic', kind: 'institution' });
      expectProblem(basic, 401, 'AUTH.UNAUTHENTICATED');
      expect(await tenantCount()).toBe(before);
    });

    it('answers 401 to a tenant admin API key: only the bootstrap token creates tenants', async () => {
      const { adminKey } = await system.createTenant();
      const before = await tenantCount();
      const response = await system.http().post('/v1/tenants').set(...bearer(adminKey)).send({ name: 'By Tenant Key', kind: 'institution' });
      expectProblem(response, 401, 'AUTH.INVALID_CREDENTIALS');
      expect(await tenantCount()).toBe(before);
    });

    it('refuses an invalid kind with 400 naming the field `kind`', async () => {
      const before = await tenantCount();
      const response = await system.http().post('/v1/tenants').set(...bearer(BOOTSTRAP_TOKEN)).send({ name: 'Bad Kind', kind: 'ministry' });
      const problem = expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
      expect(fields(problem)).toEqual(['kind']);
      expect(problem.errors?.[0].reason).toContain('funder');
      expect(await tenantCount()).toBe(before);
    });

    it('refuses an unknown field with 400 naming it', async () => {
      const before = await tenantCount();
      const response = await system.http().post('/v1/tenants').set(...bearer(BOOTSTRAP_TOKEN)).send({ name: 'Extra', kind: 'funder', plan: 'gold' });
      const problem = expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'plan', reason: 'is not a known field of this request' }]);
      expect(await tenantCount()).toBe(before);
    });

    it('refuses a missing or empty name with 400 naming `name`', async () => {
      const missing = await system.http().post('/v1/tenants').set(...bearer(BOOTSTRAP_TOKEN)).send({ kind: 'funder' });
      expect(fields(expectProblem(missing, 400, 'REQUEST.VALIDATION_FAILED'))).toContain('name');
      const empty = await system.http().post('/v1/tenants').set(...bearer(BOOTSTRAP_TOKEN)).send({ name: '', kind: 'funder' });
      expect(fields(expectProblem(empty, 400, 'REQUEST.VALIDATION_FAILED'))).toEqual(['name']);
    });

    it('replays a tenant creation under the same Idempotency-Key without the key and without a second tenant', async () => {
      const idempotencyKey = `tenant-${Date.now()}`;
      const body = { name: 'Replay Institute', kind: 'advisory_body' };
      const first = await system.http().post('/v1/tenants').set(...bearer(BOOTSTRAP_TOKEN)).set('Idempotency-Key', idempotencyKey).send(body).expect(201);
      const created = first.body as CreatedTenant;
      expect(created.apiKey.key).toMatch(/^ajar_/);
      const replay = await system.http().post('/v1/tenants').set(...bearer(BOOTSTRAP_TOKEN)).set('Idempotency-Key', idempotencyKey).send(body).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual({ tenant: created.tenant, apiKey: null, secretShownOnce: true });
      expect(await system.query(`SELECT id FROM tenants WHERE name = 'Replay Institute'`)).toEqual([{ id: created.tenant.id }]);
    });
  });

  describe('/v1/api-keys', () => {
    let tenantId: string;
    let adminKey: string;
    let adminKeyId: string;

    beforeAll(async () => {
      ({ tenantId, adminKey } = await system.createTenant('institution', 'Keys University'));
      adminKeyId = (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE tenant_id = $1`, [tenantId]))[0].id;
    });

    it('issues a key with roles to an admin (201), shown once and usable at once', async () => {
      const response = await system.http().post('/v1/api-keys').set(...bearer(adminKey)).send({ name: 'grant system', roles: ['integrator', 'integrator', 'rso'] }).expect(201);
      const issued = response.body as IssuedKey;
      expect(issued).toEqual({
        id: expect.any(String),
        name: 'grant system',
        roles: ['integrator', 'rso'],
        key: expect.stringMatching(/^ajar_[A-Za-z0-9_-]{43}$/),
        displayPrefix: (issued.key ?? '').slice(0, 12),
        contactEmail: null,
        createdAt: expect.any(String),
      });
      const stored = await system.query<{ key_hash: string; roles: string[] }>(`SELECT key_hash, roles FROM api_keys WHERE id = $1`, [issued.id]);
      expect(stored).toEqual([{ key_hash: sha256(issued.key as string), roles: ['integrator', 'rso'] }]);
      await system.http().get('/v1/cases').set(...bearer(issued.key as string)).expect(200);
    });

    it('refuses an unknown role with 400 naming `roles`', async () => {
      const before = await keyCount(tenantId);
      const response = await system.http().post('/v1/api-keys').set(...bearer(adminKey)).send({ name: 'bad', roles: ['superuser'] });
      const problem = expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
      expect(fields(problem).length).toBeGreaterThan(0);
      expect(fields(problem).every((field) => field === 'roles' || field === 'roles[0]')).toBe(true);
      expect(await keyCount(tenantId)).toBe(before);
    });

    it('refuses empty roles and a missing name with 400', async () => {
      const before = await keyCount(tenantId);
      const empty = await system.http().post('/v1/api-keys').set(...bearer(adminKey)).send({ name: 'none', roles: [] });
      const problem = expectProblem(empty, 400, 'REQUEST.VALIDATION_FAILED');
      expect(fields(problem)).toEqual(['roles']);
      expect(problem.errors?.[0].reason).toMatch(/at least 1/);
      const noName = await system.http().post('/v1/api-keys').set(...bearer(adminKey)).send({ roles: ['auditor'] });
      expect(fields(expectProblem(noName, 400, 'REQUEST.VALIDATION_FAILED'))).toContain('name');
      const notArray = await system.http().post('/v1/api-keys').set(...bearer(adminKey)).send({ name: 'string', roles: 'admin' });
      expect(fields(expectProblem(notArray, 400, 'REQUEST.VALIDATION_FAILED'))).toContain('roles');
      expect(await keyCount(tenantId)).toBe(before);
    });

    it('issues a key with a contact address for notices: stored, answered, and listed (it is no secret)', async () => {
      const response = await system.http().post('/v1/api-keys').set(...bearer(adminKey)).send({ name: 'applicant desk', roles: ['applicant'], contactEmail: 'research-office@example.org' }).expect(201);
      const issued = response.body as IssuedKey;
      expect(issued.contactEmail).toBe('research-office@example.org');
      expect(await system.query(`SELECT contact_email FROM api_keys WHERE id = $1`, [issued.id])).toEqual([{ contact_email: 'research-office@example.org' }]);
      const items = ((await system.http().get('/v1/api-keys').set(...bearer(adminKey)).expect(200)).body as { items: KeyView[] }).items;
      expect(items.find((item) => item.id === issued.id)?.contactEmail).toBe('research-office@example.org');
      // The address stays out of the permanent, hash-chained event.
      const [event] = await system.query<{ payload: unknown }>(`SELECT payload FROM events WHERE type = 'ApiKeyIssued' AND payload->>'apiKeyId' = $1`, [issued.id]);
      expect(JSON.stringify(event.payload)).not.toContain('research-office@example.org');
    });

    it('refuses a contact address that is not one, or longer than 254 characters, with problem+json naming `contactEmail`', async () => {
      const before = await keyCount(tenantId);
      for (const contactEmail of ['not an address', 'office@', 'a@b.org\r\nBcc: x@y.org', `${'a'.repeat(250)}@example.org`, 42]) {
        const response = await system.http().post('/v1/api-keys').set(...bearer(adminKey)).send({ name: 'bad address', roles: ['applicant'], contactEmail });
        expect(fields(expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED'))).toEqual(expect.arrayContaining(['contactEmail']));
        expect(fields(response.body as Problem).every((field) => field === 'contactEmail')).toBe(true);
      }
      expect(await keyCount(tenantId)).toBe(before);
    });

    it('lists the tenant keys without any secret', async () => {
      const secret = await system.issueKey(adminKey, ['auditor'], 'list check');
      const response = await system.http().get('/v1/api-keys').set(...bearer(adminKey)).expect(200);
      const items = (response.body as { items: KeyView[] }).items;
      expect(items.length).toBe(await keyCount(tenantId));
      expect(items.find((item) => item.name === 'list check')).toEqual({
        id: expect.any(String),
        name: 'list check',
        roles: ['auditor'],
        displayPrefix: secret.slice(0, 12),
        contactEmail: null,
        createdAt: expect.any(String),
        revokedAt: null,
      });
      for (const item of items) expect(Object.keys(item).sort()).toEqual(['contactEmail', 'createdAt', 'displayPrefix', 'id', 'name', 'revokedAt', 'roles']);
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(adminKey);
      expect(text).not.toContain(sha256(secret));
    });

    it('revokes a key (204): it answers 401 at once and the list shows it revoked', async () => {
      const secret = await system.issueKey(adminKey, ['integrator'], 'to revoke');
      await system.http().get('/v1/cases').set(...bearer(secret)).expect(200);
      const id = (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE key_hash = $1`, [sha256(secret)]))[0].id;

      const revoked = await system.http().delete(`/v1/api-keys/${id}`).set(...bearer(adminKey)).expect(204);
      expect(revoked.text).toBe('');
      const refused = await system.http().get('/v1/cases').set(...bearer(secret));
      expectProblem(refused, 401, 'AUTH.INVALID_CREDENTIALS');
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="ajar"');

      const list = await system.http().get('/v1/api-keys').set(...bearer(adminKey)).expect(200);
      expect((list.body as { items: KeyView[] }).items.find((item) => item.id === id)?.revokedAt).toEqual(expect.any(String));
      // Revoking again: the key is no longer an active key of the tenant.
      expectProblem(await system.http().delete(`/v1/api-keys/${id}`).set(...bearer(adminKey)), 404, 'API_KEY.NOT_FOUND');
    });

    it('answers 404 to an unknown key id and 400 to a non-uuid id', async () => {
      expectProblem(await system.http().delete('/v1/api-keys/0190f1c2-7d3e-7000-8000-000000000000').set(...bearer(adminKey)), 404, 'API_KEY.NOT_FOUND');
      const bad = await system.http().delete('/v1/api-keys/not-a-uuid').set(...bearer(adminKey));
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect((bad.body as Problem).detail).toMatch(/uuid/i);
    });

    it('refuses to revoke the last active admin key (409 API_KEY.LAST_ADMIN)', async () => {
      const lone = await system.createTenant('funder', 'Lone Admin Funder');
      const loneId = (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE tenant_id = $1`, [lone.tenantId]))[0].id;
      const last = await system.http().delete(`/v1/api-keys/${loneId}`).set(...bearer(lone.adminKey));
      const problem = expectProblem(last, 409, 'API_KEY.LAST_ADMIN');
      expect(problem.detail).toMatch(/last active admin key/);
      await system.http().get('/v1/api-keys').set(...bearer(lone.adminKey)).expect(200);

      // With a second admin key the first can go; then the second is the last one.
      const second = await system.issueKey(lone.adminKey, ['admin', 'auditor'], 'second admin');
      await system.http().delete(`/v1/api-keys/${loneId}`).set(...bearer(second)).expect(204);
      const secondId = (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE key_hash = $1`, [sha256(second)]))[0].id;
      expectProblem(await system.http().delete(`/v1/api-keys/${secondId}`).set(...bearer(second)), 409, 'API_KEY.LAST_ADMIN');
      const active = await system.query(`SELECT id FROM api_keys WHERE tenant_id = $1 AND revoked_at IS NULL`, [lone.tenantId]);
      expect(active).toEqual([{ id: secondId }]);
    });

    it("isolates tenants: another tenant's key id answers 404 and stays active; lists stay separate", async () => {
      const other = await system.createTenant('institution', 'Other University');
      const otherSecret = await system.issueKey(other.adminKey, ['integrator'], 'other integrator');
      const otherId = (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE key_hash = $1`, [sha256(otherSecret)]))[0].id;

      expectProblem(await system.http().delete(`/v1/api-keys/${otherId}`).set(...bearer(adminKey)), 404, 'API_KEY.NOT_FOUND');
      await system.http().get('/v1/cases').set(...bearer(otherSecret)).expect(200);
      expect(await system.query(`SELECT revoked_at FROM api_keys WHERE id = $1`, [otherId])).toEqual([{ revoked_at: null }]);

      const mine = ((await system.http().get('/v1/api-keys').set(...bearer(adminKey)).expect(200)).body as { items: KeyView[] }).items;
      expect(mine.map((item) => item.id)).not.toContain(otherId);
      expect(mine.map((item) => item.id)).toContain(adminKeyId);
      const theirs = ((await system.http().get('/v1/api-keys').set(...bearer(other.adminKey)).expect(200)).body as { items: KeyView[] }).items;
      expect(theirs.map((item) => item.name).sort()).toEqual(['initial admin key', 'other integrator']);
    });

    it('replays POST /v1/api-keys under an Idempotency-Key with key: null and secretShownOnce, never storing the secret', async () => {
      const idempotencyKey = `issue-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const body = { name: 'idempotent integrator', roles: ['integrator'] };
      const first = await system.http().post('/v1/api-keys').set(...bearer(adminKey)).set('Idempotency-Key', idempotencyKey).send(body).expect(201);
      const issued = first.body as IssuedKey;
      expect(issued.key).toMatch(/^ajar_/);
      expect(first.headers['idempotent-replayed']).toBeUndefined();

      const replay = await system.http().post('/v1/api-keys').set(...bearer(adminKey)).set('Idempotency-Key', idempotencyKey).send(body).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual({ ...issued, key: null, secretShownOnce: true });

      expect(await system.query(`SELECT id FROM api_keys WHERE tenant_id = $1 AND name = $2`, [tenantId, body.name])).toEqual([{ id: issued.id }]);
      const records = await system.query<{ response_body: unknown }>(`SELECT response_body FROM idempotency_records WHERE key = $1`, [idempotencyKey]);
      expect(records).toHaveLength(1);
      expect(JSON.stringify(records[0].response_body)).not.toContain(issued.key as string);
      // The first key still works; the replay did not issue another.
      await system.http().get('/v1/cases').set(...bearer(issued.key as string)).expect(200);

      const reused = await system.http().post('/v1/api-keys').set(...bearer(adminKey)).set('Idempotency-Key', idempotencyKey).send({ ...body, roles: ['admin'] });
      expect(fields(expectProblem(reused, 422, 'IDEMPOTENCY.KEY_REUSED'))).toEqual(['Idempotency-Key']);
    });
  });
});
