import { createHash } from 'node:crypto';
import { caseSubmission, disclosure } from '../../support/case-fixtures';
import { BOOTSTRAP_TOKEN, TestSystem } from '../../support/test-system';

const ROLES = ['admin', 'rso', 'approver', 'applicant', 'ethics_committee', 'national_advisor', 'auditor', 'integrator'] as const;
type Role = (typeof ROLES)[number];
type Method = 'get' | 'post' | 'patch' | 'delete';

interface Problem {
  status: number;
  code: string;
  detail: string;
}

interface CaseResult {
  id: string;
  state: string;
  caseVersion: number;
  version: number;
}

interface CaseRead extends CaseResult {
  title: string;
  updatedAt: string;
}

interface ChainVerification {
  tenantId: string;
  valid: boolean;
  eventsChecked: number;
  headSequence: string;
}

/** What a request needs: a path and a body, built fresh for each call so calls do not interfere. */
interface Call {
  path: string;
  body?: Record<string, unknown>;
}

/** The contract, written out from the `@Roles(...)` of the controllers. */
const WRITERS: Role[] = ['applicant', 'integrator', 'rso'];
// national_advisor keys live in an advisory_body tenant (the only kind that may hold the role), which
// owns no cases: it passes the role check and finds nothing (404), like any other tenant.
const READERS: Role[] = ['admin', 'rso', 'approver', 'applicant', 'ethics_committee', 'auditor', 'integrator', 'national_advisor'];
const TIMELINE: Role[] = ['admin', 'rso', 'approver', 'auditor', 'ethics_committee', 'integrator', 'national_advisor'];
const AUDIT: Role[] = ['auditor', 'admin'];
const ADMIN: Role[] = ['admin'];

const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('role boundaries and tenant isolation', () => {
  let system: TestSystem;
  let tenantId: string;
  let adminKey: string;
  let integratorKey: string;
  const keys = {} as Record<Role, string>;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    ({ tenantId, adminKey } = await system.createTenant('institution', 'Roles University'));
    for (const role of ROLES) if (role !== 'national_advisor') keys[role] = await system.issueKey(adminKey, [role], `only ${role}`);
    const advisory = await system.createTenant('advisory_body', 'National Contact Point');
    keys.national_advisor = await system.issueKey(advisory.adminKey, ['national_advisor'], 'only national_advisor');
    integratorKey = keys.integrator;
  });
  afterAll(() => system.stop());

  const send = (method: Method, call: Call, token?: string) => {
    let request = system.http()[method](call.path);
    if (token) request = request.set(...bearer(token));
    return call.body ? request.send(call.body) : request;
  };

  const newCase = async (options: { disclosed?: number } = {}): Promise<string> => {
    const response = await system.http().post('/v1/cases').set(...bearer(integratorKey)).send(caseSubmission({ people: 1, disclosed: options.disclosed ?? 1 })).expect(202);
    return (response.body as CaseResult).id;
  };

  let sharedCase: string;
  beforeAll(async () => {
    sharedCase = await newCase();
  });

  const throwawayKey = async (): Promise<string> => {
    const secret = await system.issueKey(adminKey, ['auditor'], 'throwaway');
    return (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE key_hash = $1`, [sha256(secret)]))[0].id;
  };

  interface RouteContract {
    method: Method;
    route: string;
    allowed: Role[];
    success: number;
    call: () => Promise<Call>;
  }

  const contracts: RouteContract[] = [
    { method: 'post', route: 'POST /v1/cases', allowed: WRITERS, success: 202, call: async () => ({ path: '/v1/cases', body: caseSubmission({ people: 1 }) }) },
    { method: 'get', route: 'GET /v1/cases', allowed: READERS, success: 200, call: async () => ({ path: '/v1/cases' }) },
    { method: 'get', route: 'GET /v1/cases/:id', allowed: READERS, success: 200, call: async () => ({ path: `/v1/cases/${sharedCase}` }) },
    {
      method: 'patch',
      route: 'PATCH /v1/cases/:id',
      allowed: WRITERS,
      success: 202,
      call: async () => ({ path: `/v1/cases/${await newCase()}`, body: { title: 'Amended by role test', note: 'role check' } }),
    },
    {
      method: 'post',
      route: 'POST /v1/cases/:id/disclosures',
      allowed: WRITERS,
      success: 202,
      call: async () => ({ path: `/v1/cases/${await newCase({ disclosed: 0 })}/disclosures`, body: { personRef: 'p1', ...disclosure() } }),
    },
    {
      method: 'post',
      route: 'POST /v1/cases/:id/withdrawal',
      allowed: WRITERS,
      success: 202,
      call: async () => ({ path: `/v1/cases/${await newCase()}/withdrawal`, body: { reason: 'role check' } }),
    },
    { method: 'get', route: 'GET /v1/cases/:id/events', allowed: TIMELINE, success: 200, call: async () => ({ path: `/v1/cases/${sharedCase}/events` }) },
    { method: 'get', route: 'GET /v1/audit/verify', allowed: AUDIT, success: 200, call: async () => ({ path: '/v1/audit/verify' }) },
    { method: 'post', route: 'POST /v1/api-keys', allowed: ADMIN, success: 201, call: async () => ({ path: '/v1/api-keys', body: { name: 'issued in role test', roles: ['auditor'] } }) },
    { method: 'get', route: 'GET /v1/api-keys', allowed: ADMIN, success: 200, call: async () => ({ path: '/v1/api-keys' }) },
    { method: 'delete', route: 'DELETE /v1/api-keys/:id', allowed: ADMIN, success: 204, call: async () => ({ path: `/v1/api-keys/${await throwawayKey()}` }) },
  ];

  const eventCount = async (): Promise<number> =>
    Number((await system.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE tenant_id = $1`, [tenantId]))[0].n);

  describe.each(contracts)('$route', (contract) => {
    it(`is open to ${contract.allowed.join(', ')} and refused (403 AUTH.ROLE_REQUIRED) to every other role`, async () => {
      const outcomes: Record<string, { status: number; code?: string }> = {};
      const expected: Record<string, { status: number; code?: string }> = {};
      for (const role of ROLES) {
        const allowed = contract.allowed.includes(role);
        const call = await contract.call();
        const before = await eventCount();
        const response = await send(contract.method, call, keys[role]);
        const problem = response.body as Partial<Problem>;
        outcomes[role] = allowed ? { status: response.status } : { status: response.status, code: problem.code };
        const success = role === 'national_advisor' && contract.route.includes(':id') ? 404 : contract.success;
        expected[role] = allowed ? { status: success } : { status: 403, code: 'AUTH.ROLE_REQUIRED' };
        if (!allowed) {
          expect(response.headers['content-type']).toContain('application/problem+json');
          expect(problem.detail).toContain(`The key has: ${role}.`);
          // A refused request changes nothing.
          expect({ role, events: await eventCount() }).toEqual({ role, events: before });
        }
      }
      expect(outcomes).toEqual(expected);
    });

    it('answers 401 without a key and with a garbage key', async () => {
      const call = await contract.call();
      const none = await send(contract.method, call);
      expect({ status: none.status, code: (none.body as Problem).code }).toEqual({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
      expect(none.headers['www-authenticate']).toBe('Bearer realm="ajar"');
      const garbage = await send(contract.method, call, 'ajar_this-is-not-a-key');
      expect({ status: garbage.status, code: (garbage.body as Problem).code }).toEqual({ status: 401, code: 'AUTH.INVALID_CREDENTIALS' });
      expect(garbage.headers['www-authenticate']).toBe('Bearer realm="ajar"');
      const bootstrap = await send(contract.method, call, BOOTSTRAP_TOKEN);
      expect({ status: bootstrap.status, code: (bootstrap.body as Problem).code }).toEqual({ status: 401, code: 'AUTH.INVALID_CREDENTIALS' });
    });
  });

  it('grants a key with several roles the union of their routes', async () => {
    const both = await system.issueKey(adminKey, ['auditor', 'applicant'], 'auditor+applicant');
    await system.http().get('/v1/audit/verify').set(...bearer(both)).expect(200);
    await system.http().post('/v1/cases').set(...bearer(both)).send(caseSubmission({ people: 1 })).expect(202);
    const refused = await system.http().get('/v1/api-keys').set(...bearer(both)).expect(403);
    expect((refused.body as Problem).code).toBe('AUTH.ROLE_REQUIRED');
  });

  it('serves the health probes without a key (and ignores a garbage one)', async () => {
    const live = await system.http().get('/health/live').expect(200);
    expect(live.body).toMatchObject({ status: 'ok' });
    const ready = await system.http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    await system.http().get('/health/live').set(...bearer('garbage')).expect(200);
  });

  describe('across tenants', () => {
    let otherTenant: string;
    let other: string;
    let otherAuditor: string;
    let caseOfA: string;
    let externalRefOfA: string;

    beforeAll(async () => {
      const created = await system.createTenant('institution', 'Other University');
      otherTenant = created.tenantId;
      other = await system.issueKey(created.adminKey, ROLES.filter((role) => role !== 'national_advisor'), 'every role but national_advisor (advisory bodies only)');
      otherAuditor = await system.issueKey(created.adminKey, ['auditor'], 'auditor');
      externalRefOfA = `a-only-${Date.now()}`;
      const submitted = await system.http().post('/v1/cases').set(...bearer(integratorKey)).send(caseSubmission({ people: 2, disclosed: 1, externalRef: externalRefOfA })).expect(202);
      caseOfA = (submitted.body as CaseResult).id;
      await system.http().post('/v1/cases').set(...bearer(other)).send(caseSubmission({ people: 1, externalRef: 'b-own' })).expect(202);
    });

    it("answers 404 to every read or change of tenant A's case by tenant B, and leaves the case unchanged", async () => {
      const before = (await system.http().get(`/v1/cases/${caseOfA}`).set(...bearer(integratorKey)).expect(200)).body as CaseRead;
      const timelineBefore = (await system.http().get(`/v1/cases/${caseOfA}/events`).set(...bearer(integratorKey)).expect(200)).body as { items: unknown[] };
      expect(before.state).toBe('awaiting_disclosures');

      const attempts: { method: Method; call: Call }[] = [
        { method: 'get', call: { path: `/v1/cases/${caseOfA}` } },
        { method: 'patch', call: { path: `/v1/cases/${caseOfA}`, body: { title: 'Hijacked by tenant B' } } },
        { method: 'post', call: { path: `/v1/cases/${caseOfA}/disclosures`, body: { personRef: 'p2', ...disclosure() } } },
        { method: 'post', call: { path: `/v1/cases/${caseOfA}/withdrawal`, body: { reason: 'tenant B says so' } } },
        { method: 'get', call: { path: `/v1/cases/${caseOfA}/events` } },
      ];
      for (const attempt of attempts) {
        const response = await send(attempt.method, attempt.call, other);
        const problem = response.body as Problem;
        expect({ request: `${attempt.method} ${attempt.call.path}`, status: response.status, code: problem.code }).toEqual({
          request: `${attempt.method} ${attempt.call.path}`,
          status: 404,
          code: 'CASE.NOT_FOUND',
        });
        expect(JSON.stringify(response.body)).not.toContain('Photonic');
      }

      const after = (await system.http().get(`/v1/cases/${caseOfA}`).set(...bearer(integratorKey)).expect(200)).body as CaseRead;
      expect(after).toEqual(before);
      expect(after).toMatchObject({ state: 'awaiting_disclosures', caseVersion: 1, version: before.version, title: 'Photonic quantum sensors for medical imaging' });
      const timelineAfter = (await system.http().get(`/v1/cases/${caseOfA}/events`).set(...bearer(integratorKey)).expect(200)).body as { items: unknown[] };
      expect(timelineAfter.items).toEqual(timelineBefore.items);
      expect(await system.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND tenant_id <> $2`, [caseOfA, tenantId])).toEqual([{ n: 0 }]);
    });

    it("does not list tenant A's cases to tenant B, even when filtered by A's external ref", async () => {
      const listB = (await system.http().get('/v1/cases').query({ limit: 100 }).set(...bearer(other)).expect(200)).body as { items: { id: string; externalRef: string }[] };
      expect(listB.items.map((item) => item.externalRef)).toEqual(['b-own']);
      expect(listB.items.map((item) => item.id)).not.toContain(caseOfA);
      const filtered = (await system.http().get('/v1/cases').query({ externalRef: externalRefOfA }).set(...bearer(other)).expect(200)).body as { items: unknown[] };
      expect(filtered.items).toEqual([]);
      const listA = (await system.http().get('/v1/cases').query({ externalRef: externalRefOfA }).set(...bearer(integratorKey)).expect(200)).body as { items: { id: string }[] };
      expect(listA.items.map((item) => item.id)).toEqual([caseOfA]);
    });

    it("verifies each tenant's own hash chain only", async () => {
      const count = async (id: string): Promise<number> =>
        Number((await system.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE tenant_id = $1`, [id]))[0].n);
      await system.chainAll();
      const a = (await system.http().get('/v1/audit/verify').set(...bearer(keys.auditor)).expect(200)).body as ChainVerification;
      const b = (await system.http().get('/v1/audit/verify').set(...bearer(otherAuditor)).expect(200)).body as ChainVerification;
      const [countA, countB] = [await count(tenantId), await count(otherTenant)];
      expect(countA).not.toBe(countB);
      expect(a).toMatchObject({ tenantId, valid: true, eventsChecked: countA, headSequence: String(countA), pendingEvents: 0 });
      expect(b).toMatchObject({ tenantId: otherTenant, valid: true, eventsChecked: countB, headSequence: String(countB), pendingEvents: 0 });
    });
  });
});
