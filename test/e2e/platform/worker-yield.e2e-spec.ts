import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { hostname } from 'node:os';
import { ApiLoadReporter, apiLoadKey, WorkerYield } from '@ajar/messaging';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

/**
 * The real API reports its load to the real Redis; the real worker reads it and holds screening
 * (BullMQ) and hash-chaining while an API process is busy, for at most AJAR_WORKER_YIELD_MAX_SECONDS.
 * The busy API is simulated by writing its report, as a busy API process would.
 */
describe('the worker steps aside while the API is busy', () => {
  let system: TestSystem;
  let redis: IORedis;
  let appraisalQueue: Queue;
  let integrator: string;
  let busy: NodeJS.Timeout | undefined;

  const reportLoad = async (load: number): Promise<void> => {
    await redis.hset(apiLoadKey(system.prefix), 'busy-api:1', `${load} ${Date.now()}`);
  };
  /** A busy API process, reporting every 100 ms until `calm`. */
  const beBusy = async (): Promise<void> => {
    await reportLoad(0.9);
    busy = setInterval(() => void reportLoad(0.9), 100);
  };
  const calm = async (): Promise<void> => {
    clearInterval(busy);
    busy = undefined;
    await reportLoad(0.05);
  };
  const submit = async (): Promise<string> =>
    (await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(caseSubmission({ people: 1 })).expect(202)).body.id as string;
  const assessments = async (caseId: string): Promise<number> =>
    (await system.query<{ n: number }>(`SELECT count(*)::int AS n FROM assessments WHERE case_id = $1`, [caseId]))[0].n;
  const unchained = async (caseId: string): Promise<number> =>
    (
      await system.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM event_chain_pending p JOIN events e ON e.position = p.position WHERE e.stream_id = $1`,
        [caseId],
      )
    )[0].n;

  beforeAll(async () => {
    process.env.AJAR_WORKER_YIELD_API_BUSY_PERCENT = '30';
    process.env.AJAR_WORKER_YIELD_MAX_SECONDS = '3600';
    system = await TestSystem.start({ worker: false });
    redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    appraisalQueue = new Queue('appraisal', { connection: redis, prefix: system.prefix });
    const { adminKey } = await system.createTenant('funder', 'Research Council');
    integrator = await system.issueKey(adminKey, ['integrator']);
  });
  afterAll(async () => {
    clearInterval(busy);
    delete process.env.AJAR_WORKER_YIELD_API_BUSY_PERCENT;
    delete process.env.AJAR_WORKER_YIELD_MAX_SECONDS;
    await appraisalQueue.close();
    await system.stop();
    await redis.quit();
  });

  it("has each API process report its event loop's load (0 to 1) with the time, every half second", async () => {
    const field = `${hostname()}:${process.pid}`;
    const report = await waitFor(() => redis.hget(apiLoadKey(system.prefix), field), 'the API to report its load');
    const [load, at] = report.split(' ').map(Number);
    expect(load).toBeGreaterThanOrEqual(0);
    expect(load).toBeLessThanOrEqual(1);
    expect(Math.abs(Date.now() - at)).toBeLessThan(5_000);
    // The report expires with the API: a key that outlives every API process does not hold the worker.
    expect(await redis.pttl(apiLoadKey(system.prefix))).toBeGreaterThan(0);
    // From here on only this test's reports count: this jest process's own load is not the subject.
    await system.api.get(ApiLoadReporter).onApplicationShutdown();
    expect(await redis.hget(apiLoadKey(system.prefix), field)).toBeNull();
  });

  it('holds screening and chaining while an API process is busy, and does both once it is not', async () => {
    // Only this test's reports count (again, should the test above not have run).
    await system.api.get(ApiLoadReporter).onApplicationShutdown();
    await system.startWorker();
    const gate = system.worker!.get(WorkerYield);
    expect(gate.isOpen()).toBe(true);
    await beBusy();
    await waitFor(() => Promise.resolve(!gate.isOpen()), 'the worker to step aside');

    const caseId = await submit();
    // The relay still moves the screening request into its queue. A BullMQ fetch already waiting
    // when the worker paused may take it; it is then held, not screened.
    await waitFor(async () => {
      const counts = await appraisalQueue.getJobCounts('waiting', 'active');
      return counts.waiting + counts.active === 1;
    }, 'the screening request to wait in its queue');
    expect(await assessments(caseId)).toBe(0);
    expect(await unchained(caseId)).toBeGreaterThan(0);
    expect(gate.isOpen()).toBe(false);

    await calm();
    await waitFor(async () => (await assessments(caseId)) === 1, 'the case to be screened once the API is calm');
    await waitFor(async () => (await unchained(caseId)) === 0, 'its events to be chained');
    expect(gate.isOpen()).toBe(true);
  });

  it('catches up after AJAR_WORKER_YIELD_MAX_SECONDS though the API stays busy', async () => {
    await system.stopWorker();
    process.env.AJAR_WORKER_YIELD_MAX_SECONDS = '1';
    await system.startWorker();
    const gate = system.worker!.get(WorkerYield);
    await beBusy();
    await waitFor(() => Promise.resolve(!gate.isOpen()), 'the worker to step aside');
    const caseId = await submit();
    await waitFor(async () => (await assessments(caseId)) === 1, 'the case to be screened after at most 1 s aside');
    await waitFor(async () => (await unchained(caseId)) === 0, 'its events to be chained');
    expect(busy).toBeDefined();
    await calm();
  });
});
