import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { configureApp } from '@ajar/http';
import { ApiModule } from '../../../apps/api/src/api.module';
import { ApiKeyCache } from '../../../libs/access/src/auth/api-key-cache';
import { TestSystem, waitFor } from '../../support/test-system';

/**
 * API keys are remembered by each API process, and a revocation still takes effect at once: on the
 * process that revoked the key, and within milliseconds on every other one (NOTIFY). While a
 * process cannot hear revocations it remembers nothing.
 */
describe('API key cache: remembered keys, revocations heard by every API process', () => {
  let system: TestSystem;
  let other: INestApplication;
  let adminKey: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    // A second API process on the same database, as a replica or a member of a process group.
    const module = await Test.createTestingModule({ imports: [ApiModule] }).compile();
    other = module.createNestApplication({ bodyParser: false, logger: false });
    configureApp(other);
    await other.listen(0, '127.0.0.1');
    ({ adminKey } = await system.createTenant());
  });
  afterAll(async () => {
    await other?.close();
    await system.stop();
  });

  const listOn = (app: INestApplication, key: string): Promise<number> =>
    request(app.getHttpServer())
      .get('/v1/api-keys')
      .set('Authorization', `Bearer ${key}`)
      .then((response) => response.status);
  const keyId = async (name: string): Promise<string> =>
    (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE name = $1`, [name]))[0].id;
  const caching = (app: INestApplication): Promise<boolean> => Promise.resolve(app.get(ApiKeyCache).isCaching);

  it('remembers a key it has read: a change made behind its back (no revocation) is not seen', async () => {
    await waitFor(() => caching(system.api), 'the first API process to listen for revocations');
    const key = await system.issueKey(adminKey, ['admin'], 'remembered');
    expect(await listOn(system.api, key)).toBe(200);
    // Not how keys are revoked (no NOTIFY): shows the key is not read again.
    await system.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [await keyId('remembered')]);
    expect(await listOn(system.api, key)).toBe(200);
    // A revocation through the API (of another key) makes every process forget what it remembered.
    const spare = await system.issueKey(adminKey, ['integrator'], 'spare');
    await request(system.api.getHttpServer()).delete(`/v1/api-keys/${await keyId('spare')}`).set('Authorization', `Bearer ${adminKey}`).expect(204);
    expect(await listOn(system.api, key)).toBe(401);
    expect(await listOn(system.api, spare)).toBe(401);
  });

  it('refuses a key revoked on another API process as soon as the revocation is heard', async () => {
    await waitFor(() => caching(other), 'the second API process to listen for revocations');
    const key = await system.issueKey(adminKey, ['admin'], 'revoked elsewhere');
    expect(await listOn(other, key)).toBe(200);
    expect(await listOn(other, key)).toBe(200);
    await request(system.api.getHttpServer()).delete(`/v1/api-keys/${await keyId('revoked elsewhere')}`).set('Authorization', `Bearer ${adminKey}`).expect(204);
    // NOTIFY is delivered at commit; the other process hears it within milliseconds.
    await waitFor(async () => (await listOn(other, key)) === 401, 'the other API process to refuse the revoked key', 2_000);
    expect(await listOn(system.api, key)).toBe(401);
  });

  it('remembers nothing while it cannot hear revocations, and remembers again once it can', async () => {
    const key = await system.issueKey(adminKey, ['admin'], 'unheard');
    expect(await listOn(other, key)).toBe(200);
    // Cut the other process's revocation listener, as a lost connection would.
    await system.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ajar-commit-signal' AND datname = current_database()`,
    );
    await waitFor(async () => !(await caching(other)), 'the other API process to notice its listener is gone', 5_000);
    // Revoked without a NOTIFY: a process that cannot hear revocations must read the key again.
    await system.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [await keyId('unheard')]);
    expect(await listOn(other, key)).toBe(401);
    // It listens again (reconnect), and remembers keys again.
    await waitFor(() => caching(other), 'the other API process to listen again', 10_000);
    const next = await system.issueKey(adminKey, ['admin'], 'after reconnect');
    expect(await listOn(other, next)).toBe(200);
    await system.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [await keyId('after reconnect')]);
    expect(await listOn(other, next)).toBe(200);
  });

  it('never remembers a key that is unknown or revoked', async () => {
    await waitFor(() => caching(system.api), 'the API process to listen for revocations');
    const key = await system.issueKey(adminKey, ['admin'], 'late');
    await system.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [await keyId('late')]);
    expect(await listOn(system.api, key)).toBe(401);
    // Made active again behind the cache's back: it is read again, not answered from memory.
    await system.query(`UPDATE api_keys SET revoked_at = NULL WHERE id = $1`, [await keyId('late')]);
    expect(await listOn(system.api, key)).toBe(200);
  });
});
