import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { JobSchedules } from '@ajar/messaging';
import { ExpiredRecordsRepository, RetentionSweeper } from '@ajar/retention';
import { TestSystem } from '../../support/test-system';

describe('retention sweep', () => {
  let system: TestSystem;
  let sweeper: RetentionSweeper;

  beforeAll(async () => {
    // No worker: nothing consumes the maintenance queue, so only this test sweeps.
    system = await TestSystem.start({ worker: false });
    sweeper = new RetentionSweeper(new ExpiredRecordsRepository(system.api.get(DataSource)), system.api.get(JobSchedules));
  });
  afterAll(() => system.stop());

  it('is scheduled hourly through a BullMQ job scheduler', async () => {
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const maintenance = new Queue('maintenance', { connection: redis, prefix: system.prefix });
    try {
      await sweeper.onApplicationBootstrap();
      await sweeper.onApplicationBootstrap(); // a second replica starting changes nothing
      const schedulers = await maintenance.getJobSchedulers();
      expect(schedulers).toEqual([expect.objectContaining({ key: 'retention-sweep', every: 3_600_000 })]);
      // Redis lost it (a flush, a restart without AOF): the reconciler's timer registers it again.
      await maintenance.removeJobScheduler('retention-sweep');
      expect(await system.api.get(JobSchedules).restoreMissing()).toEqual(['retention-sweep']);
      expect(await maintenance.getJobSchedulers()).toEqual([expect.objectContaining({ key: 'retention-sweep', every: 3_600_000 })]);
    } finally {
      await maintenance.close();
      await redis.quit();
    }
  });

  it('removes expired idempotency records (completed, or whose lease ran out) and old delivery records, and keeps the rest', async () => {
    const tenant = '01a20000-0000-7000-8000-000000000001';
    await system.query(
      `INSERT INTO idempotency_records (scope, key, request_hash, state, response_status, response_body, created_at, expires_at) VALUES
        ($1, 'expired', repeat('a', 64), 'completed', 202, '{}', now() - interval '3 days', now() - interval '1 day'),
        ($1, 'fresh', repeat('a', 64), 'completed', 202, '{}', now(), now() + interval '1 day')`,
      [tenant],
    );
    // In progress: a request that died long ago (its lease ran out), one that died recently, and
    // one still running past the key's expiry (its lease is renewed).
    await system.query(
      `INSERT INTO idempotency_records (scope, key, request_hash, state, created_at, expires_at, lease_token, lease_expires_at) VALUES
        ($1, 'died-long-ago', repeat('a', 64), 'in_progress', now() - interval '3 days', now() - interval '1 day', gen_random_uuid(), now() - interval '3 days'),
        ($1, 'died-recently', repeat('a', 64), 'in_progress', now() - interval '1 minute', now() + interval '2 days', gen_random_uuid(), now() - interval '30 seconds'),
        ($1, 'still-running', repeat('a', 64), 'in_progress', now() - interval '3 days', now() - interval '1 day', gen_random_uuid(), now() + interval '10 seconds')`,
      [tenant],
    );
    await system.query(
      `INSERT INTO outbox_messages (id, tenant_id, event_id, destination, job_name, envelope, created_at, published_at) VALUES
        (gen_random_uuid(), $1, gen_random_uuid(), 'appraisal', 'x', '{}', now() - interval '30 days', now() - interval '30 days'),
        (gen_random_uuid(), $1, gen_random_uuid(), 'appraisal', 'x', '{}', now() - interval '30 days', NULL),
        (gen_random_uuid(), $1, gen_random_uuid(), 'appraisal', 'x', '{}', now(), now())`,
      [tenant],
    );
    await system.query(
      `INSERT INTO inbox_messages (consumer, message_id, processed_at) VALUES
        ('test', gen_random_uuid(), now() - interval '30 days'), ('test', gen_random_uuid(), now())`,
    );

    const result = await sweeper.sweep();

    expect(result).toEqual({ idempotencyRecords: 2, outboxMessages: 1, inboxMessages: 1 });
    expect(await system.query(`SELECT key FROM idempotency_records WHERE scope = $1 ORDER BY key`, [tenant])).toEqual([
      { key: 'died-recently' },
      { key: 'fresh' },
      { key: 'still-running' },
    ]);
    // An unpublished row is never removed, however old: it has not been delivered yet.
    expect(await system.query(`SELECT 1 FROM outbox_messages WHERE tenant_id = $1 AND published_at IS NULL`, [tenant])).toHaveLength(1);
    expect(await system.query(`SELECT 1 FROM inbox_messages WHERE consumer = 'test'`)).toHaveLength(1);
  });
});
