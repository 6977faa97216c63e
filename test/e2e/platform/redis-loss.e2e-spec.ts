import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { webhookId } from '@ajar/integrations';
import { Queues, type QueueName } from '@ajar/messaging';
import { OutboxReconciler } from '@ajar/outbox';
import { RETENTION_SCHEDULER_ID } from '@ajar/retention';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';
import { WebhookReceiver } from '../../support/webhook-receiver';

// Read when the worker compiles its modules: reconcile and sweep every 300 ms, so lost work is
// owed (and re-created) within about a second.
process.env.AJAR_EGRESS_ALLOW = '127.0.0.1';
process.env.AJAR_RECONCILE_MS = '300';
process.env.AJAR_WEBHOOK_SWEEP_MS = '300';
process.env.AJAR_DEADLINE_SWEEP_MS = '300';

const BACKLOG = 60;

/** Deletes every key of one BullMQ prefix: to this test system, the same loss as a FLUSHDB. */
async function deletePrefix(redis: IORedis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

describe('Redis loses its data with a backlog queued (issue 19): owed work is a row, Redis only carries it', () => {
  let system: TestSystem;
  let receiver: WebhookReceiver;
  let redis: IORedis;
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let found = queues.get(name);
    if (!found) {
      found = new Queue(name, { connection: redis, prefix: system.prefix });
      queues.set(name, found);
    }
    return found;
  };

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    system = await TestSystem.start({ worker: true });
    redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await Promise.all([...queues.values()].map((item) => item.close()));
    await redis?.quit();
    await system?.stop();
    await receiver?.stop();
  });

  it('after every key of the prefix is deleted, the running worker screens every acknowledged case, makes every delivery and restores the retention schedule', async () => {
    const { adminKey } = await system.createTenant();
    const writer = await system.issueKey(adminKey, ['integrator']);
    await system
      .http()
      .post('/v1/webhook-endpoints')
      .set('Authorization', `Bearer ${adminKey}`)
      .send({ url: receiver.url('/hooks'), eventTypes: ['case.submitted.v1', 'case.screening_completed.v1'] })
      .expect(201);
    await waitFor(async () => (await queue(Queues.Maintenance).getJobScheduler(RETENTION_SCHEDULER_ID)) !== undefined, 'the retention schedule');

    // The backlog: consumers paused (a flag in Redis, deleted with the rest), so every job waits.
    for (const name of [Queues.Appraisal, Queues.Webhooks, Queues.Notices]) await queue(name).pause();
    const caseIds: string[] = [];
    for (let start = 0; start < BACKLOG; start += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, BACKLOG - start) }, async () =>
          (await system.http().post('/v1/cases').set('Authorization', `Bearer ${writer}`).send(caseSubmission()).expect(202)).body.id as string,
        ),
      );
      caseIds.push(...batch);
    }
    await waitFor(
      async () => (await queue(Queues.Appraisal).getJobCountByTypes('wait')) === BACKLOG && (await queue(Queues.Webhooks).getJobCountByTypes('wait')) === BACKLOG,
      'the backlog of screenings and deliveries to be queued',
      20_000,
    );

    // While Redis holds the backlog, a reconcile pass re-creates nothing: a queued job is not doubled.
    const reconciler = system.worker!.get(OutboxReconciler);
    expect((await reconciler.reconcile()).recreated).toEqual({});

    expect(await deletePrefix(redis, system.prefix)).toBeGreaterThan(0);

    // No restart: the worker's reconcilers re-create the owed jobs from PostgreSQL.
    const states = async (): Promise<Map<string, string>> =>
      new Map(
        (await system.query<{ id: string; state: string }>(`SELECT id, state FROM cases WHERE id = ANY($1::uuid[])`, [caseIds])).map((row) => [row.id, row.state]),
      );
    await waitFor(
      async () => {
        const current = await states();
        return caseIds.every((id) => current.get(id) === 'cleared' || current.get(id) === 'in_review');
      },
      'every acknowledged case to be screened',
      30_000,
    );
    // Every delivery made (submitted and screening completed, one each per case), none left owed.
    await waitFor(
      async () => {
        const [row] = await system.query<{ succeeded: number; other: number }>(
          `SELECT count(*) FILTER (WHERE state = 'succeeded')::int AS succeeded, count(*) FILTER (WHERE state <> 'succeeded')::int AS other FROM webhook_deliveries`,
        );
        return row.succeeded === 2 * BACKLOG && row.other === 0;
      },
      'every webhook delivery to be made',
      30_000,
    );
    const messages = await system.query<{ message_id: string }>(`SELECT message_id FROM webhook_deliveries`);
    const received = new Set(receiver.on('/hooks').map((request) => request.headers['webhook-id']));
    expect(messages.filter((row) => !received.has(webhookId(row.message_id)))).toEqual([]);

    await waitFor(async () => (await queue(Queues.Maintenance).getJobScheduler(RETENTION_SCHEDULER_ID)) !== undefined, 'the retention schedule to be registered again');

    // Exactly one assessment per case version, and no screening or notice left owed.
    const doubled = await system.query(`SELECT case_id, case_version FROM assessments GROUP BY case_id, case_version HAVING count(*) > 1`);
    expect(doubled).toEqual([]);
    const [assessed] = await system.query<{ count: number }>(`SELECT count(*)::int AS count FROM assessments WHERE case_id = ANY($1::uuid[])`, [caseIds]);
    expect(assessed.count).toBe(BACKLOG);
    await waitFor(
      async () =>
        (await system.query(`SELECT 1 FROM outbox_messages WHERE settled_at IS NULL AND destination = ANY($1::text[])`, [[Queues.Appraisal, Queues.Notices]])).length === 0,
      'every screening and notice outbox row to be settled',
    );
  }, 120_000);
});
