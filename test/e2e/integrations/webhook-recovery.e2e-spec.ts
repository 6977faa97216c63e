import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { AjarEnvironment } from '@ajar/config';
import { CommitSignal } from '@ajar/database';
import { WebhookDeliveryRepository, WebhookFanOut, webhookId } from '@ajar/integrations';
import { Queues, QueueRegistry } from '@ajar/messaging';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';
import { WebhookReceiver } from '../../support/webhook-receiver';

// Read when the API and each worker compile their modules. The schedule grows (100 ms, 200 ms, …)
// so a receiver that is down collects a few failed attempts without exhausting the eight.
process.env.AJAR_EGRESS_ALLOW = '127.0.0.1';
process.env.AJAR_WEBHOOK_SWEEP_MS = '200';
process.env.AJAR_WEBHOOK_RETRY_SCHEDULE = '100ms,200ms,400ms,800ms,1s,1s,1s';
process.env.AJAR_WEBHOOK_TIMEOUT_MS = '300';

interface DeliveryRow {
  id: string;
  message_id: string;
  tenant_id: string;
  state: string;
  attempts: number;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  status: number | null;
  outcome: string;
  error: string | null;
}

describe('outbound webhooks: nothing lost, nothing doubled, nothing sent where egress refuses', () => {
  let system: TestSystem;
  let receiver: WebhookReceiver;
  let redis: IORedis;
  /** The delivery queue as Redis holds it, under this test system's prefix. */
  let queue: Queue;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    system = await TestSystem.start({ worker: false });
    redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    queue = new Queue(Queues.Webhooks, { connection: redis, prefix: system.prefix });
  });
  afterAll(async () => {
    process.env.AJAR_EGRESS_ALLOW = '127.0.0.1';
    await queue?.close();
    await redis?.quit();
    await system?.stop();
    await receiver?.stop();
  });

  interface Tenant {
    tenantId: string;
    adminKey: string;
    writer: string;
  }

  const tenant = async (): Promise<Tenant> => {
    const { tenantId, adminKey } = await system.createTenant();
    return { tenantId, adminKey, writer: await system.issueKey(adminKey, ['integrator']) };
  };

  const endpoint = async (owner: Tenant, path: string, eventTypes: string[] = ['case.submitted.v1']): Promise<string> =>
    (
      await system
        .http()
        .post('/v1/webhook-endpoints')
        .set('Authorization', `Bearer ${owner.adminKey}`)
        .send({ url: receiver.url(path), eventTypes })
        .expect(201)
    ).body.id as string;

  const submit = async (owner: Tenant): Promise<string> =>
    (await system.http().post('/v1/cases').set('Authorization', `Bearer ${owner.writer}`).send(caseSubmission()).expect(202)).body.id as string;

  const deliveries = (endpointId: string): Promise<DeliveryRow[]> =>
    system.query<DeliveryRow>(`SELECT id, message_id, tenant_id, state, attempts FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at, id`, [endpointId]);

  const attempts = (endpointId: string): Promise<AttemptRow[]> =>
    system.query<AttemptRow>(`SELECT delivery_id, attempt, status, outcome, error FROM webhook_attempts WHERE endpoint_id = $1 ORDER BY id`, [endpointId]);

  const jobsInRedis = async (): Promise<number> => {
    const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  };

  /** Waits until the worker has nothing queued or running for webhooks. */
  const queueDrained = (): Promise<boolean> =>
    waitFor(async () => {
      const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      return Object.values(counts).every((count) => count === 0);
    }, 'the webhook queue to drain');

  const ensureWorker = async (): Promise<void> => {
    if (!system.worker) await system.startWorker();
  };

  let delivered: { owner: Tenant; endpointId: string; delivery: DeliveryRow };

  it('re-creates the job of a delivery committed without one (a crash between commit and addBulk): sent exactly once', async () => {
    expect(system.worker).toBeUndefined();
    receiver.answer = () => ({ status: 204 });
    const owner = await tenant();
    const endpointId = await endpoint(owner, '/lost');
    await submit(owner);
    expect(await system.chainAll()).toBeGreaterThan(0);

    // The fan-out's database half only: delivery rows and cursor commit, the jobs are never added.
    const fanOut = new WebhookFanOut(system.api.get(WebhookDeliveryRepository), system.api.get(QueueRegistry), system.api.get(CommitSignal), system.api.get(AjarEnvironment));
    const owed: unknown[] = [];
    for (let batch = await fanOut.fanOutBatch(); batch.events > 0; batch = await fanOut.fanOutBatch()) owed.push(...batch.jobs);
    expect(owed).toHaveLength(1);
    const [delivery] = await deliveries(endpointId);
    expect(delivery).toMatchObject({ state: 'pending', attempts: 0, tenant_id: owner.tenantId });
    expect(await jobsInRedis()).toBe(0);
    expect(await redis.keys(`${system.prefix}:${Queues.Webhooks}:${delivery.id}*`)).toEqual([]);

    // The worker comes back: its fan-out has nothing left to read; the sweeper finds the owed delivery.
    await system.startWorker();
    await waitFor(async () => (await deliveries(endpointId))[0]?.state === 'succeeded', 'the swept delivery to succeed');
    await queueDrained();
    const received = receiver.on('/lost');
    expect(received).toHaveLength(1);
    expect(received[0].headers['webhook-id']).toBe(webhookId(delivery.message_id));
    expect(JSON.parse(received[0].body)).toMatchObject({ type: 'case.submitted.v1' });
    expect((await attempts(endpointId)).map((row) => [row.attempt, row.status, row.outcome])).toEqual([[1, 204, 'succeeded']]);
    expect(await deliveries(endpointId)).toEqual([{ ...delivery, state: 'succeeded', attempts: 1 }]);
    delivered = { owner, endpointId, delivery };
  });

  it('treats a redelivered or duplicated job for an attempt no longer owed as a no-op: nothing is sent twice', async () => {
    await ensureWorker();
    const { owner, endpointId, delivery } = delivered;
    const before = { received: receiver.on('/lost').length, attempts: await attempts(endpointId), deliveries: await deliveries(endpointId) };
    expect(before.received).toBe(1);

    // The same attempt again (as BullMQ would after a stalled job, or a second copy under another id),
    // and the next attempt of a delivery that already succeeded.
    const duplicates = [
      { jobId: `${delivery.id}-dup-a1`, attempt: 1 },
      { jobId: `${delivery.id}-dup-a2`, attempt: 2 },
    ];
    for (const duplicate of duplicates) {
      await queue.add(
        'webhook.deliver',
        {
          messageId: duplicate.jobId,
          type: 'webhook.deliver',
          tenantId: owner.tenantId,
          correlationId: delivery.message_id,
          causationId: delivery.message_id,
          data: { deliveryId: delivery.id, attempt: duplicate.attempt },
        },
        { jobId: duplicate.jobId, attempts: 1, removeOnComplete: false, removeOnFail: false },
      );
    }
    for (const duplicate of duplicates) {
      const state = await waitFor(async () => {
        const current = await queue.getJobState(duplicate.jobId);
        return current === 'completed' || current === 'failed' ? current : undefined;
      }, `the duplicate job ${duplicate.jobId} to be processed`);
      expect({ job: duplicate.jobId, state }).toEqual({ job: duplicate.jobId, state: 'completed' });
    }
    await queueDrained();
    expect(receiver.on('/lost')).toHaveLength(before.received);
    expect(await attempts(endpointId)).toEqual(before.attempts);
    expect(await deliveries(endpointId)).toEqual(before.deliveries);
  });

  it('loses nothing while a receiver is down (503 without Retry-After) and delivers every message once it is back', async () => {
    await ensureWorker();
    const owner = await tenant();
    let up = false;
    const succeeded: string[] = [];
    receiver.answer = (request) => {
      if (request.path !== '/outage') return { status: 204 };
      if (!up) return { status: 503, body: 'maintenance' };
      succeeded.push(request.headers['webhook-id']);
      return { status: 204 };
    };
    const endpointId = await endpoint(owner, '/outage');
    for (let index = 0; index < 5; index++) await submit(owner);

    await waitFor(
      async () => {
        const rows = await deliveries(endpointId);
        return rows.length === 5 && rows.every((row) => row.state === 'pending' && row.attempts >= 2);
      },
      'five deliveries with at least two failed attempts each',
      15_000,
    );
    const failed = await attempts(endpointId);
    expect(failed.length).toBeGreaterThanOrEqual(10);
    for (const attempt of failed) expect(attempt).toMatchObject({ status: 503, outcome: 'failed' });
    expect(succeeded).toEqual([]);

    up = true;
    await waitFor(
      async () => {
        const rows = await deliveries(endpointId);
        return rows.length === 5 && rows.every((row) => row.state === 'succeeded');
      },
      'every delivery to succeed once the receiver is back',
      15_000,
    );
    await queueDrained();

    const sent = await system.query<{ id: string }>(
      `SELECT m.id FROM webhook_messages m WHERE m.tenant_id = $1 AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id AND d.endpoint_id = $2)`,
      [owner.tenantId, endpointId],
    );
    expect(sent).toHaveLength(5);
    const expectedIds = sent.map((row) => webhookId(row.id)).sort();
    const requests = receiver.on('/outage');
    expect([...new Set(requests.map((request) => request.headers['webhook-id']))].sort()).toEqual(expectedIds);
    // One success per message; every retry of a message carried the same bytes.
    expect([...succeeded].sort()).toEqual(expectedIds);
    for (const id of expectedIds) expect(new Set(requests.filter((request) => request.headers['webhook-id'] === id).map((request) => request.body)).size).toBe(1);
    // Each delivery's attempts are numbered 1..n once each, the last one the success.
    const stored = await attempts(endpointId);
    for (const row of await deliveries(endpointId)) {
      const own = stored.filter((attempt) => attempt.delivery_id === row.id);
      expect(own.map((attempt) => attempt.attempt)).toEqual(Array.from({ length: row.attempts }, (_unused, index) => index + 1));
      expect(own.map((attempt) => attempt.outcome)).toEqual([...Array.from({ length: row.attempts - 1 }, () => 'failed'), 'succeeded']);
    }
    expect(stored).toHaveLength(requests.length);
  });

  it('refuses at delivery a stored URL the worker may not reach (egress re-vetted per attempt): refused, nothing sent', async () => {
    await system.stopWorker();
    receiver.answer = () => ({ status: 204 });
    const owner = await tenant();
    // Registered while 127.0.0.1 is allowed (the API's allow-list) …
    const endpointId = await endpoint(owner, '/refused');
    // … delivered by a worker whose allow-list no longer has it.
    process.env.AJAR_EGRESS_ALLOW = '';
    try {
      await system.startWorker();
      await submit(owner);
      const refused = await waitFor(
        async () => {
          const rows = await attempts(endpointId);
          // Two attempts, or any that was not refused (then the checks below say what went wrong).
          return (rows.length >= 2 || rows.some((row) => row.outcome !== 'refused')) && rows;
        },
        'two refused attempts',
        15_000,
      );
      for (const attempt of refused) {
        expect(attempt).toMatchObject({ status: null, outcome: 'refused' });
        expect(attempt.error).toMatch(/127\.0\.0\.1 is a loopback address/);
      }
      expect(receiver.on('/refused')).toEqual([]);
      const listed = await system.http().get(`/v1/webhook-endpoints/${endpointId}/attempts`).set('Authorization', `Bearer ${owner.adminKey}`).expect(200);
      expect(listed.body.items[0]).toMatchObject({ outcome: 'refused', status: null, eventType: 'case.submitted.v1' });

      // The endpoint is disabled; a worker with 127.0.0.1 allowed again cancels the owed attempt instead of sending it.
      await system.http().post(`/v1/webhook-endpoints/${endpointId}/disable`).set('Authorization', `Bearer ${owner.adminKey}`).send({}).expect(200);
      await system.stopWorker();
    } finally {
      process.env.AJAR_EGRESS_ALLOW = '127.0.0.1';
    }
    await system.startWorker();
    await waitFor(async () => (await deliveries(endpointId))[0]?.state === 'cancelled', 'the owed attempt to be cancelled');
    await queueDrained();
    expect(receiver.on('/refused')).toEqual([]);
    expect((await attempts(endpointId)).every((attempt) => attempt.outcome === 'refused')).toBe(true);
  });
});
