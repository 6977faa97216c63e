import { TestSystem } from '../../support/test-system';

describe('operations: configuration, health, OpenAPI, correlation', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
  });
  afterAll(() => system.stop());

  it('answers liveness and readiness (PostgreSQL and Redis) without credentials', async () => {
    await system.http().get('/health/live').expect(200);
    const ready = await system.http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const document = await system.http().get('/docs-json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/v1/cases', '/v1/cases/{id}', '/v1/tenants', '/v1/audit/verify']));
    await system.http().get('/docs').expect(200);
  });

  it('returns the correlation id it was given, or a new one', async () => {
    const given = await system.http().get('/health/live').set('X-Correlation-Id', 'abc-123').expect(200);
    expect(given.headers['x-correlation-id']).toBe('abc-123');
    const made = await system.http().get('/health/live').set('X-Correlation-Id', 'bad id with spaces').expect(200);
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with problem+json 404', async () => {
    const response = await system.http().get('/v1/nothing-here').expect(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, code: 'RESOURCE.NOT_FOUND' });
  });
});
