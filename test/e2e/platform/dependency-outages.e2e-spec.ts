import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { WorkerHttpServer } from '../../../apps/worker/src/worker-http.server';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

/**
 * PostgreSQL and Redis go away (the links between the API and them are cut; the shared servers keep
 * running for the other test files) and come back: the API says 503 with Retry-After for what it
 * cannot serve, keeps serving what it can, and its probes tell a load balancer which is which.
 */
describe('dependency outages: honest status codes and readiness', () => {
  let system: TestSystem;
  let key: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false, links: true });
    const { adminKey } = await system.createTenant();
    key = await system.issueKey(adminKey, ['integrator']);
  });
  afterAll(() => system.stop());

  const auth = (): [string, string] => ['Authorization', `Bearer ${key}`];
  const postgres = () => system.postgresLink!;
  const redis = () => system.redisLink!;

  afterEach(() => {
    postgres().restore();
    redis().restore();
  });

  it('with PostgreSQL cut: intake answers 503 problem+json with Retry-After, readiness 503, liveness 200; both recover', async () => {
    postgres().cut();

    const refused = await system.http().post('/v1/cases').set(...auth()).set('Idempotency-Key', randomUUID()).send(caseSubmission()).expect(503);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ status: 503, code: 'SERVICE.UNAVAILABLE', dependency: 'postgresql' });
    expect(refused.body.correlationId).toEqual(expect.any(String));
    // The dependency is named, never its address.
    expect(JSON.stringify(refused.body)).not.toMatch(/127\.0\.0\.1|:\d{4,5}\b|ECONN/);

    const notReady = await system.http().get('/health/ready').expect(503);
    expect(notReady.body).toMatchObject({ status: 'error', details: { postgres: { status: 'down', required: true }, redis: { status: 'up' } } });
    expect(JSON.stringify(notReady.body)).not.toMatch(/127\.0\.0\.1/);
    await system.http().get('/health/live').expect(200);

    postgres().restore();
    await waitFor(async () => (await system.http().get('/health/ready')).status === 200, 'readiness after PostgreSQL is back');
    await system.http().post('/v1/cases').set(...auth()).send(caseSubmission()).expect(202);
  });

  it('with Redis cut: readiness stays 200 reporting redis down (degraded), intake keeps answering 202, liveness 200', async () => {
    redis().cut();

    const degraded = await system.http().get('/health/ready').expect(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', details: { postgres: { status: 'up' }, redis: { status: 'down', required: false } } });
    await system.http().get('/health/live').expect(200);

    // Rate limits count in Redis: they fail open, the request is served.
    const accepted = await system.http().post('/v1/cases').set(...auth()).send(caseSubmission()).expect(202);
    const rows = await system.query('SELECT id FROM cases WHERE id = $1', [accepted.body.id]);
    expect(rows).toHaveLength(1);

    redis().restore();
    await waitFor(async () => (await system.http().get('/health/ready')).body?.status === 'ok', 'readiness ok after Redis is back');
  });

  it('the worker\'s probes: live 200 throughout; ready needs PostgreSQL and Redis both, 503 without either', async () => {
    await system.startWorker();
    const port = system.worker!.get(WorkerHttpServer).port();
    expect(port).toEqual(expect.any(Number));
    const probes = request(`http://127.0.0.1:${port}`);

    const ready = await probes.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { postgres: { status: 'up', required: true }, redis: { status: 'up', required: true } } });

    redis().cut();
    const withoutRedis = await probes.get('/health/ready').expect(503);
    expect(withoutRedis.body).toMatchObject({ status: 'error', details: { redis: { status: 'down' } } });
    await probes.get('/health/live').expect(200);
    redis().restore();
    await waitFor(async () => (await probes.get('/health/ready')).status === 200, 'worker readiness after Redis is back');

    postgres().cut();
    const withoutPostgres = await probes.get('/health/ready').expect(503);
    expect(withoutPostgres.body).toMatchObject({ status: 'error', details: { postgres: { status: 'down' } } });
    postgres().restore();
    await waitFor(async () => (await probes.get('/health/ready')).status === 200, 'worker readiness after PostgreSQL is back');
    await system.stopWorker();
  });
});
