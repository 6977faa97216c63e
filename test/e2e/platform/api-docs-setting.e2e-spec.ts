import { TestSystem } from '../../support/test-system';

/**
 * AJAR_API_DOCS: `public` serves the Swagger UI and the document to anyone, `admin` the document
 * to admin keys only, `off` neither (404, whoever asks).
 */
describe('AJAR_API_DOCS', () => {
  const saved = process.env.AJAR_API_DOCS;
  let system: TestSystem | undefined;

  async function start(mode: string): Promise<TestSystem> {
    process.env.AJAR_API_DOCS = mode;
    system = await TestSystem.start({ worker: false });
    return system;
  }

  afterEach(async () => {
    await system?.stop();
    system = undefined;
    if (saved === undefined) delete process.env.AJAR_API_DOCS;
    else process.env.AJAR_API_DOCS = saved;
  });

  it('public: the UI at /docs and the OpenAPI 3.1 document at /docs-json, without a key', async () => {
    const api = await start('public');
    const ui = await api.http().get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const document = await api.http().get('/docs-json').expect(200);
    expect(document.body.openapi).toBe('3.1.0');
    expect(document.body.paths['/v1/cases'].post.operationId).toBe('submitCase');
  });

  it('admin: the document for admin keys only (401 without a key, 403 for other roles), no UI', async () => {
    const api = await start('admin');
    const { adminKey } = await api.createTenant();
    const rsoKey = await api.issueKey(adminKey, ['rso']);
    await api.http().get('/docs-json').expect(401);
    const forbidden = await api.http().get('/docs-json').set('Authorization', `Bearer ${rsoKey}`).expect(403);
    expect(forbidden.body.code).toBe('AUTH.ROLE_REQUIRED');
    const document = await api.http().get('/docs-json').set('Authorization', `Bearer ${adminKey}`).expect(200);
    expect(document.body.openapi).toBe('3.1.0');
    expect(document.body.paths['/docs-json']).toBeUndefined();
    await api.http().get('/docs/').set('Authorization', `Bearer ${adminKey}`).expect(404);
  });

  it('off: neither /docs nor /docs-json, even for an admin key', async () => {
    const api = await start('off');
    const { adminKey } = await api.createTenant();
    for (const path of ['/docs', '/docs/', '/docs-json', '/docs-yaml']) {
      const response = await api.http().get(path).set('Authorization', `Bearer ${adminKey}`).expect(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
