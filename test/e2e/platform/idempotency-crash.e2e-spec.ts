import { Client } from 'pg';
import request from 'supertest';
import { ApiProcess } from '../../support/api-process';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

/**
 * Issue 19.2: an `in_progress` Idempotency-Key is a lease of seconds, renewed while its request
 * runs, and a case command stores its answer in its own transaction. The API that crashes runs
 * in a child process (test/support/api-process.ts); the retries go to the test's own API, as they
 * would to another replica or the restarted one.
 */
// Each test starts an API process, which compiles the sources on load: seconds, more on busy cores.
jest.setTimeout(90_000);

describe('Idempotency-Key across a crash of the API', () => {
  const LEASE_SECONDS = '1';
  let system: TestSystem;
  let key: string;
  const children: ApiProcess[] = [];

  beforeAll(async () => {
    process.env.AJAR_IDEMPOTENCY_LEASE_SECONDS = LEASE_SECONDS;
    system = await TestSystem.start({ worker: false });
    const { adminKey } = await system.createTenant();
    key = await system.issueKey(adminKey, ['integrator']);
  });
  afterAll(async () => {
    for (const child of children) await child.kill();
    await system.stop();
    delete process.env.AJAR_IDEMPOTENCY_LEASE_SECONDS;
  });

  const startApi = async (env: Record<string, string>): Promise<ApiProcess> => {
    const api = await ApiProcess.start(env);
    children.push(api);
    return api;
  };
  const submit = (target: Parameters<typeof request>[0], body: object, idempotencyKey: string) =>
    request(target).post('/v1/cases').set('Authorization', `Bearer ${key}`).set('Idempotency-Key', idempotencyKey).send(body);
  const casesWith = (externalRef: string) => system.query<{ id: string }>(`SELECT id FROM cases WHERE external_ref = $1`, [externalRef]);
  const record = async (idempotencyKey: string) =>
    (
      await system.query<{ state: string; lease_token: string | null; lease_alive: boolean | null; renewed: boolean | null }>(
        `SELECT state, lease_token, lease_expires_at > now() AS lease_alive,
                lease_expires_at > created_at + make_interval(secs => $2) AS renewed
           FROM idempotency_records WHERE key = $1`,
        [idempotencyKey, Number(LEASE_SECONDS)],
      )
    )[0];

  it('answers a retry after a crash between commit and response with the first answer: the same case, stored once', async () => {
    const api = await startApi({ AJAR_TEST_EXIT_AFTER_COMMIT: 'true' });
    const body = caseSubmission({ externalRef: 'crash-after-commit' });

    const lost = await submit(api.url, body, 'crash-after-commit').then(
      () => 'answered',
      (error: Error) => error.message,
    );
    expect(lost).toMatch(/socket hang up|ECONNRESET/);
    expect(await api.exited).toBe(70);
    const stored = await casesWith('crash-after-commit');
    expect(stored).toHaveLength(1);
    expect(await record('crash-after-commit')).toMatchObject({ state: 'completed', lease_token: null });

    const retry = await submit(system.api.getHttpServer(), body, 'crash-after-commit').expect(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual({ id: stored[0].id, state: 'screening', caseVersion: 1, version: expect.any(Number) });
    expect(await casesWith('crash-after-commit')).toHaveLength(1);
  });

  it('answers 409 with Retry-After while the first request runs, renewing its lease; after a crash before commit a retry takes the key over and runs the command', async () => {
    const api = await startApi({});
    const body = caseSubmission({ externalRef: 'crash-before-commit' });
    // Holds the first request before its commit: its INSERT into cases waits for this lock.
    const blocker = new Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE cases IN EXCLUSIVE MODE');
      const first = submit(api.url, body, 'crash-before-commit').then(
        (response) => response.status,
        (error: Error) => error.message,
      );

      // Running for longer than one lease, the request keeps its key by renewing the lease.
      await waitFor(async () => (await record('crash-before-commit'))?.renewed, 'the first request to renew its lease');
      expect(await record('crash-before-commit')).toMatchObject({ state: 'in_progress', lease_alive: true });
      const busy = await submit(system.api.getHttpServer(), body, 'crash-before-commit').expect(409);
      expect(busy.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');
      expect(busy.headers['retry-after']).toBe('1');

      await api.kill();
      expect(await first).toMatch(/socket hang up|ECONNRESET/);
      await blocker.query('ROLLBACK');
    } finally {
      await blocker.end();
    }
    const crashedLease = (await record('crash-before-commit'))?.lease_token;

    // The dead request's lease runs out within a second; until then a retry is told to wait.
    const retry = await waitFor(async () => {
      const response = await submit(system.api.getHttpServer(), body, 'crash-before-commit');
      return response.status === 409 ? undefined : response;
    }, 'the crashed request\'s lease to run out');
    expect(retry.status).toBe(202);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    const stored = await casesWith('crash-before-commit');
    expect(stored).toEqual([{ id: retry.body.id }]);
    const taken = await record('crash-before-commit');
    expect(taken).toMatchObject({ state: 'completed' });
    expect(crashedLease).not.toBeNull();

    const again = await submit(system.api.getHttpServer(), body, 'crash-before-commit').expect(202);
    expect(again.body).toEqual(retry.body);
  });

  it('frees the key of a command refused before its commit (409 stale If-Match), so the corrected retry runs', async () => {
    const created = await submit(system.api.getHttpServer(), caseSubmission({ externalRef: 'refused-first', disclosed: 0 }), 'refused-first-case').expect(202);
    const withdraw = (ifMatch: string) =>
      request(system.api.getHttpServer())
        .post(`/v1/cases/${created.body.id as string}/withdrawal`)
        .set('Authorization', `Bearer ${key}`)
        .set('Idempotency-Key', 'refused-first')
        .set('If-Match', ifMatch)
        .send({ reason: 'duplicate' });

    const refused = await withdraw(`"${(created.body.version as number) + 5}"`).expect(409);
    expect(refused.body.code).toBe('STREAM.VERSION_CONFLICT');
    expect(await record('refused-first')).toBeUndefined();

    const accepted = await withdraw(`"${created.body.version as number}"`).expect(202);
    expect(accepted.body).toMatchObject({ id: created.body.id, state: 'withdrawn' });
    expect(await record('refused-first')).toMatchObject({ state: 'completed' });
  });
});
