import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
import { configureApp } from '@ajar/http';
import { ApiModule } from '../../../apps/api/src/api.module';
import { BOOTSTRAP_TOKEN, TestSystem } from '../../support/test-system';

/** Small limits for one describe block; the window stays a minute: the tests never wait for it. */
function useLimits(limits: { perKey?: number; costly?: number; perIp?: number; failedAuth?: number; trustProxy?: string }): void {
  process.env.AJAR_RATE_LIMIT_WINDOW_SECONDS = '60';
  process.env.AJAR_RATE_LIMIT_PER_KEY = String(limits.perKey ?? 1_000_000);
  process.env.AJAR_RATE_LIMIT_COSTLY_PER_KEY = String(limits.costly ?? 1_000_000);
  process.env.AJAR_RATE_LIMIT_PER_IP = String(limits.perIp ?? 1_000_000);
  process.env.AJAR_RATE_LIMIT_FAILED_AUTH_PER_IP = String(limits.failedAuth ?? 1_000_000);
  process.env.AJAR_RATE_LIMIT_FAILED_AUTH_BLOCK_SECONDS = '300';
  process.env.AJAR_TRUST_PROXY = limits.trustProxy ?? 'false';
}

/** A second API replica: same database, same Redis and key prefix (set by TestSystem.start). */
async function startReplica(): Promise<INestApplication> {
  const module = await Test.createTestingModule({ imports: [ApiModule] }).compile();
  const app = module.createNestApplication({ bodyParser: false, logger: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

function expectRateLimited(response: Response, policy: string, quota: number, maxRetryAfter: number): void {
  expect(response.status).toBe(429);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED', rateLimit: { policy, quota } });
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxRetryAfter);
  expect(response.body.rateLimit.retryAfterSeconds).toBe(retryAfter);
  expect(response.headers['ratelimit-policy']).toContain(`"${policy}";q=${quota};w=60`);
  expect(response.headers['ratelimit']).toContain(`"${policy}";r=0;t=`);
}

describe('rate limits: per API key, shared by replicas', () => {
  let system: TestSystem;
  let replica: INestApplication;

  beforeAll(async () => {
    useLimits({ perKey: 6 });
    system = await TestSystem.start({ worker: false });
    replica = await startReplica();
  });
  afterAll(async () => {
    await replica?.close();
    await system.stop();
  });

  it('counts every request of a key on both replicas, refuses the one past the quota with 429, and leaves other keys and tenants alone', async () => {
    const first = await system.createTenant('institution', 'First University');
    const second = await system.createTenant('institution', 'Second University');
    const otherKey = await system.issueKey(first.adminKey, ['auditor']); // 1st request of first.adminKey

    const listKeys = (app: INestApplication, key: string) => request(app.getHttpServer()).get('/v1/api-keys').set('Authorization', `Bearer ${key}`);
    const remaining: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      // Alternating replicas: one counter in Redis, not one per process.
      const response = await listKeys(index % 2 === 0 ? system.api : replica, first.adminKey).expect(200);
      expect(response.headers['ratelimit-policy']).toBe('"key";q=6;w=60');
      remaining.push(response.headers['ratelimit']);
    }
    expect(remaining.map((value) => /r=(\d+)/.exec(value)?.[1])).toEqual(['4', '3', '2', '1', '0']);
    expect(remaining[0]).toMatch(/^"key";r=4;t=(60|59)$/);

    for (const app of [system.api, replica]) {
      expectRateLimited(await listKeys(app, first.adminKey), 'key', 6, 60);
    }
    // Another key of the same tenant, and another tenant's key, are counted apart.
    await request(replica.getHttpServer()).get('/v1/cases').set('Authorization', `Bearer ${otherKey}`).expect(200);
    await listKeys(system.api, second.adminKey).expect(200);
  });
});

describe('rate limits: per client address on the routes without an API key', () => {
  let system: TestSystem;

  beforeAll(async () => {
    useLimits({ perIp: 3, trustProxy: 'loopback' });
    system = await TestSystem.start({ worker: false });
  });
  afterAll(() => system.stop());

  const bootstrap = (forwardedFor?: string) => {
    const call = system.http().post('/v1/tenants').set('Authorization', `Bearer ${BOOTSTRAP_TOKEN}`);
    if (forwardedFor) call.set('X-Forwarded-For', forwardedFor);
    return call.send({ name: 'Rate Test University', kind: 'institution' });
  };

  it('refuses tenant creation and signed inbound from one address past the quota; keys and other addresses still pass; health is never limited', async () => {
    const created = await bootstrap().expect(201);
    expect(created.headers['ratelimit']).toMatch(/^"ip";r=2;t=\d+$/);
    const adminKey = created.body.apiKey.key as string;
    await bootstrap().expect(201);
    // Signed inbound counts against the same address (unsigned, for no integration: 401, still counted).
    await system.http().post(`/v1/inbound/${randomUUID()}`).send({ type: 'case.submit.v1', data: {} }).expect(401);

    expectRateLimited(await bootstrap(), 'ip', 3, 60);
    expectRateLimited(await system.http().post(`/v1/inbound/${randomUUID()}`).send({ type: 'case.submit.v1', data: {} }), 'ip', 3, 60);

    // Behind a trusted proxy (AJAR_TRUST_PROXY=loopback), the forwarded address is the client.
    await bootstrap('203.0.113.7').expect(201);
    // Requests with an API key count per key, not per address.
    const withKey = await system.http().get('/v1/api-keys').set('Authorization', `Bearer ${adminKey}`).expect(200);
    expect(withKey.headers['ratelimit-policy']).toMatch(/^"key";/);
    const health = await system.http().get('/health/live').expect(200);
    expect(health.headers['ratelimit']).toBeUndefined();
  });
});

describe('rate limits: failed authentications per client address', () => {
  let system: TestSystem;

  beforeAll(async () => {
    useLimits({ failedAuth: 3, trustProxy: 'loopback' });
    system = await TestSystem.start({ worker: false });
  });
  afterAll(() => system.stop());

  it('after 3 answers 401 from one address, refuses its next requests before looking at the key, even a right one; other addresses are unaffected', async () => {
    const { adminKey } = await system.createTenant();
    const guess = () => system.http().get('/v1/cases').set('Authorization', `Bearer ajar_${randomUUID().replace(/-/g, '')}`);
    await guess().expect(401);
    await system.http().get('/v1/cases').expect(401); // no key at all counts too
    await system.http().post('/v1/tenants').set('Authorization', 'Bearer not-the-bootstrap-token-at-all-0000').send({ name: 'X', kind: 'institution' }).expect(401);

    expectRateLimited(await guess(), 'failed-auth', 3, 300);
    const rightKey = await system.http().get('/v1/cases').set('Authorization', `Bearer ${adminKey}`);
    expectRateLimited(rightKey, 'failed-auth', 3, 300);
    expect(Number(rightKey.headers['retry-after'])).toBeGreaterThan(60); // the block (300 s), not the window
    expect(rightKey.body.detail).toMatch(/failed authentication 3 times within 60 s; its requests are refused for 300 s/);

    await system.http().get('/health/ready').expect(200);
    await system.http().get('/v1/cases').set('X-Forwarded-For', '198.51.100.20').set('Authorization', `Bearer ${adminKey}`).expect(200);
  });
});

describe('rate limits: costly routes', () => {
  let system: TestSystem;

  beforeAll(async () => {
    useLimits({ costly: 2 });
    system = await TestSystem.start({ worker: false });
  });
  afterAll(() => system.stop());

  it('counts register CSV exports of a key against the costly limit, but not the JSON register pages', async () => {
    const { adminKey } = await system.createTenant();
    const auditor = await system.issueKey(adminKey, ['auditor']);
    const otherAuditor = await system.issueKey(adminKey, ['auditor']);
    const exportCsv = (key: string) => system.http().get('/v1/register?format=csv').set('Authorization', `Bearer ${key}`);

    const first = await exportCsv(auditor).expect(200);
    expect(first.headers['content-type']).toContain('text/csv');
    expect(first.headers['ratelimit-policy']).toContain('"costly";q=2;w=60');
    expect(first.headers['ratelimit']).toContain('"costly";r=1;t=');
    await system.http().get('/v1/register').set('Accept', 'text/csv').set('Authorization', `Bearer ${auditor}`).expect(200);
    expectRateLimited(await exportCsv(auditor), 'costly', 2, 60);

    const page = await system.http().get('/v1/register').set('Authorization', `Bearer ${auditor}`).expect(200);
    expect(page.headers['ratelimit-policy']).not.toContain('costly');
    await exportCsv(otherAuditor).expect(200);
  });

  it('counts reference-list version uploads against the same limit', async () => {
    const { adminKey } = await system.createTenant();
    const upload = () =>
      system
        .http()
        .post('/v1/reference-lists/rate-test/versions')
        .set('Authorization', `Bearer ${adminKey}`)
        .set('Content-Type', 'application/x-ndjson')
        .send('');
    // Counted before the upload is read: an empty upload to an undefined list counts as well.
    const answers = [await upload(), await upload()];
    for (const answer of answers) expect(answer.status).not.toBe(429);
    expect(answers.map((answer) => /"costly";r=(\d+)/.exec(answer.headers['ratelimit'])?.[1])).toEqual(['1', '0']);
    expectRateLimited(await upload(), 'costly', 2, 60);
  });
});
