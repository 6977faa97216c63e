import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

describe('transactional outbox and relay', () => {
  let system: TestSystem;
  let key: string;
  let redis: IORedis;
  let appraisal: Queue;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    const { adminKey } = await system.createTenant();
    key = await system.issueKey(adminKey, ['integrator']);
    redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    appraisal = new Queue('appraisal', { connection: redis, prefix: system.prefix });
  });
  afterAll(async () => {
    await appraisal.close();
    await redis.quit();
    await system.stop();
  });

  const submit = async (): Promise<string> =>
    (await system.http().post('/v1/cases').set('Authorization', `Bearer ${key}`).send(caseSubmission()).expect(202)).body.id as string;

  it('writes the outbox row in the command transaction, ids only, and nothing reaches Redis without the relay', async () => {
    const caseId = await submit();
    const rows = await system.query<{ id: string; published_at: Date | null; envelope: Record<string, unknown> }>(
      `SELECT o.id, o.published_at, o.envelope FROM outbox_messages o
         JOIN events e ON e.id = o.event_id WHERE e.stream_id = $1`,
      [caseId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].published_at).toBeNull();
    expect(rows[0].envelope).toMatchObject({ type: 'case.screening_requested.v1', data: { caseId, caseVersion: 1 } });
    // Queue payloads carry ids only: no names, titles or disclosures.
    expect(JSON.stringify(rows[0].envelope)).not.toMatch(/Researcher|Photonic|Delft/);
    expect(await appraisal.getJob(rows[0].id)).toBeUndefined();
  });

  it('delivers after a relay crash between commit and publish, exactly once in effect', async () => {
    // The relay is "killed" before it published: the case was committed, the worker is down.
    const caseId = await submit();
    const [message] = await system.query<{ id: string }>(
      `SELECT o.id FROM outbox_messages o JOIN events e ON e.id = o.event_id WHERE e.stream_id = $1`,
      [caseId],
    );

    await system.startWorker();
    await waitFor(
      async () => (await system.query(`SELECT 1 FROM assessments WHERE case_id = $1`, [caseId])).length === 1,
      'the case to be appraised after the relay restarted',
    );
    const job = await appraisal.getJob(message.id);
    expect(job?.id).toBe(message.id);

    // A crash after queue.add but before the row was marked published re-publishes it later:
    // BullMQ keeps the job id, and the processor's natural key makes a second delivery harmless.
    await system.query(`UPDATE outbox_messages SET published_at = NULL WHERE id = $1`, [message.id]);
    await waitFor(
      async () => (await system.query(`SELECT 1 FROM outbox_messages WHERE id = $1 AND published_at IS NOT NULL`, [message.id])).length === 1,
      'the relay to publish the row again',
    );
    // Force a second processing of the same message, as a redelivery would.
    await appraisal.add('case.screening_requested.v1', job?.data, { jobId: `${message.id}-redelivery` });
    await waitFor(async () => (await appraisal.getJob(`${message.id}-redelivery`))?.finishedOn, 'the redelivered job to finish');

    expect(await system.query(`SELECT 1 FROM assessments WHERE case_id = $1`, [caseId])).toHaveLength(1);
    expect(await system.query(`SELECT 1 FROM events WHERE stream_id = $1 AND type = 'ScreeningCompleted'`, [caseId])).toHaveLength(1);
    const counts = await appraisal.getJobCounts('completed', 'failed');
    expect(counts.failed).toBe(0);
    await system.stopWorker();
  });

  it('carries the request correlation id into the events and the job envelope', async () => {
    const response = await system
      .http()
      .post('/v1/cases')
      .set('Authorization', `Bearer ${key}`)
      .set('X-Correlation-Id', 'corr-outbox-test-1')
      .send(caseSubmission())
      .expect(202);
    expect(response.headers['x-correlation-id']).toBe('corr-outbox-test-1');
    const events = await system.query<{ metadata: { correlationId: string } }>(`SELECT metadata FROM events WHERE stream_id = $1`, [response.body.id]);
    expect(events.every((event) => event.metadata.correlationId === 'corr-outbox-test-1')).toBe(true);
    const [message] = await system.query<{ envelope: { correlationId: string } }>(
      `SELECT o.envelope FROM outbox_messages o JOIN events e ON e.id = o.event_id WHERE e.stream_id = $1`,
      [response.body.id],
    );
    expect(message.envelope.correlationId).toBe('corr-outbox-test-1');
  });
});
