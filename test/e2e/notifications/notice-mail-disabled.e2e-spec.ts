import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

// No SMTP server configured: notices are not e-mailed, and nothing fails for it.
delete process.env.AJAR_SMTP_URL;

describe('notices without AJAR_SMTP_URL', () => {
  let system: TestSystem;
  let redis: IORedis;
  let notices: Queue;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    notices = new Queue('notices', { connection: redis, prefix: system.prefix });
  });
  afterAll(async () => {
    await notices?.close();
    await redis?.quit();
    await system?.stop();
  });

  it('acknowledges the notice job of a fast-lane decision at once: no delivery row, no failure', async () => {
    const { adminKey } = await system.createTenant('funder', 'Quiet Council');
    const integrator = await system.issueKey(adminKey, ['integrator']);
    await system.issueKey(adminKey, ['applicant'], 'applicant desk', 'applicant@quiet.example');
    const body = {
      kind: 'collaboration',
      title: 'A fast-lane proposal',
      researchStage: 'fundamental',
      technologyAreas: ['none'],
      partners: [{ name: 'Leiden University', country: 'NL', type: 'university', identifiers: { ror: '027bh9e22' } }],
      personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: { ...disclosure(), supportSources: [] } }],
    };
    const id = (await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(body).expect(202)).body.id as string;
    const [outbox] = await waitFor(
      async () => {
        const rows = await system.query<{ id: string }>(
          `SELECT o.id FROM outbox_messages o JOIN events e ON e.id = o.event_id WHERE o.destination = 'notices' AND e.stream_id = $1 AND e.type = 'DecisionRecorded'`,
          [id],
        );
        return rows.length > 0 ? rows : undefined;
      },
      'the system decision and its notice',
      15_000,
    );
    const job = await waitFor(async () => {
      const found = await notices.getJob(outbox.id);
      return found && (await found.getState()) === 'completed' ? found : undefined;
    }, 'the notice job to complete');
    expect(job.failedReason ?? null).toBeNull();
    expect(job.attemptsMade).toBeLessThanOrEqual(1);
    expect(await system.query(`SELECT * FROM notice_deliveries`)).toEqual([]);
  });
});
