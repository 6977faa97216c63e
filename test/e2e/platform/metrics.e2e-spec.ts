import request from 'supertest';
import { QueueMetrics, QueueRegistry, Queues } from '@ajar/messaging';
import { WorkerHttpServer } from '../../../apps/worker/src/worker-http.server';
import { caseSubmission } from '../../support/case-fixtures';
import { parsePrometheusText, PrometheusSample, sampleValue } from '../../support/prometheus-text';
import { TestSystem, waitFor } from '../../support/test-system';
import { WebhookReceiver } from '../../support/webhook-receiver';

const METRICS_TOKEN = 'metrics-scrape-token-0123456789abcdef';
const OPERATOR_TOKEN = 'operator-token-0123456789abcdefghij';
const SCREENED = ['cleared', 'in_review'];
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'];
const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('an operator can see: /metrics on the API and the worker, and the queue dashboard', () => {
  let system: TestSystem;
  let receiver: WebhookReceiver;
  let integrator: string;

  beforeAll(async () => {
    process.env.AJAR_METRICS_TOKEN = METRICS_TOKEN;
    process.env.AJAR_OPERATOR_TOKEN = OPERATOR_TOKEN;
    process.env.AJAR_EGRESS_ALLOW = '127.0.0.1';
    receiver = await WebhookReceiver.start();
    system = await TestSystem.start({ worker: true });
    const { adminKey } = await system.createTenant();
    integrator = await system.issueKey(adminKey, ['integrator']);
    await system
      .http()
      .post('/v1/webhook-endpoints')
      .set('Authorization', `Bearer ${adminKey}`)
      .send({ url: receiver.url('/hooks'), eventTypes: ['case.submitted.v1'] })
      .expect(201);
  });
  afterAll(async () => {
    await system.stop();
    await receiver.stop();
    delete process.env.AJAR_METRICS_TOKEN;
    delete process.env.AJAR_OPERATOR_TOKEN;
  });

  const workerHttp = (): ReturnType<typeof request> => request(`http://127.0.0.1:${system.worker!.get(WorkerHttpServer).port()}`);
  const scrapeApi = async (): Promise<PrometheusSample[]> =>
    parsePrometheusText((await system.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text);
  const scrapeWorker = async (): Promise<PrometheusSample[]> =>
    parsePrometheusText((await workerHttp().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text);
  const submit = async (): Promise<string> =>
    (await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(caseSubmission()).expect(202)).body.id as string;

  it('counts HTTP requests by route pattern and status, never by the case id in the path', async () => {
    const caseId = await submit();
    await system.http().get(`/v1/cases/${caseId}`).set('Authorization', `Bearer ${integrator}`).expect(200);
    await system.http().get(`/v1/cases/${caseId}`).set('Authorization', `Bearer ${integrator}`).expect(200);
    await system.http().get('/v1/cases/0192f3a4-aaaa-7bbb-8ccc-123456789abc').set('Authorization', `Bearer ${integrator}`).expect(404);
    await system.http().get('/v1/cases').expect(401);
    await system.http().get('/no/such/route/0192f3a4').expect(404);

    const response = await system.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).not.toContain(caseId);
    expect(response.text).not.toContain('0192f3a4');
    const samples = parsePrometheusText(response.text);
    const count = (method: string, route: string, status: string): number | undefined =>
      sampleValue(samples, 'ajar_http_request_duration_seconds_count', { method, route, status });
    expect(count('POST', '/v1/cases', '202')).toBeGreaterThanOrEqual(1);
    expect(count('GET', '/v1/cases/:id', '200')).toBe(2);
    expect(count('GET', '/v1/cases/:id', '404')).toBe(1);
    expect(count('GET', '/v1/cases', '401')).toBe(1);
    expect(count('GET', 'unmatched', '404')).toBe(1);
    expect(sampleValue(samples, 'ajar_http_request_duration_seconds_bucket', { method: 'GET', route: '/v1/cases/:id', status: '200', le: '+Inf' })).toBe(2);
    // Node's default metrics are there too.
    expect(sampleValue(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('publishes every queue by state with its oldest waiting age, read from Redis at scrape time', async () => {
    const samples = await scrapeApi();
    for (const queue of Object.values(Queues)) {
      for (const state of QUEUE_STATES) expect(sampleValue(samples, 'ajar_queue_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
      expect(sampleValue(samples, 'ajar_queue_oldest_waiting_age_seconds', { queue })).toBeGreaterThanOrEqual(0);
    }
    expect(sampleValue(samples, 'ajar_metrics_source_up', { source: 'redis_queues' })).toBe(1);
  });

  it('shows a screened case: the appraisal job timed in the worker, the webhook delivered, and no lag left', async () => {
    const caseId = await submit();
    await waitFor(async () => {
      const [row] = await system.query<{ state: string }>(`SELECT state FROM cases WHERE id = $1`, [caseId]);
      return SCREENED.includes(row.state);
    }, 'the case to be screened');
    await waitFor(async () => receiver.on('/hooks').some((hook) => hook.body.includes(caseId)), 'the webhook of the case');

    const worker = await waitFor(async () => {
      const samples = await scrapeWorker();
      return (sampleValue(samples, 'ajar_webhook_delivery_attempts_total', { outcome: 'delivered', status_class: '2xx' }) ?? 0) >= 2 ? samples : undefined;
    }, 'the worker to count both deliveries');
    expect(sampleValue(worker, 'ajar_job_duration_seconds_count', { queue: Queues.Appraisal, outcome: 'completed' })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(worker, 'ajar_job_duration_seconds_sum', { queue: Queues.Appraisal, outcome: 'completed' })).toBeGreaterThan(0);
    // The worker publishes the shared gauges too, so they are seen while either process is up.
    expect(sampleValue(worker, 'ajar_queue_jobs', { queue: Queues.Appraisal, state: 'failed' })).toBe(0);
    expect(sampleValue(worker, 'ajar_cases_screening_stuck')).toBe(0);

    const api = await waitFor(async () => {
      const samples = await scrapeApi();
      const drained = sampleValue(samples, 'ajar_outbox_unpublished_messages') === 0 && sampleValue(samples, 'ajar_event_chain_pending_events') === 0;
      return drained ? samples : undefined;
    }, 'the outbox and the chain to drain');
    expect(sampleValue(api, 'ajar_outbox_oldest_unpublished_age_seconds')).toBe(0);
    expect(sampleValue(api, 'ajar_event_chain_oldest_pending_age_seconds')).toBe(0);
    expect(sampleValue(api, 'ajar_cases_screening_stuck')).toBe(0);
    expect(sampleValue(api, 'ajar_cases_screening_failed')).toBe(0);
    expect(sampleValue(api, 'ajar_idempotency_in_progress_records')).toBe(0);
    for (const source of ['postgres_outbox', 'postgres_event_chain', 'postgres_cases', 'postgres_idempotency']) {
      expect(sampleValue(api, 'ajar_metrics_source_up', { source })).toBe(1);
    }
  });

  it('offers reconcilers a counter of re-created jobs per queue', async () => {
    const before = await scrapeWorker();
    expect(sampleValue(before, 'ajar_reconciler_jobs_recreated_total', { queue: Queues.Webhooks })).toBeUndefined();
    system.worker!.get(QueueMetrics).jobsRecreated(Queues.Webhooks, 3);
    expect(sampleValue(await scrapeWorker(), 'ajar_reconciler_jobs_recreated_total', { queue: Queues.Webhooks })).toBe(3);
  });

  it('counts a job that fails for good: its failure, its run time and the failed job in its queue', async () => {
    // A delivery id that is not a uuid: PostgreSQL refuses the consumer's read, so the job throws.
    const envelope = { messageId: 'metrics-failing-job', type: 'webhook.delivery', tenantId: '00000000-0000-0000-0000-000000000000', correlationId: 'metrics-test', causationId: 'metrics-test', data: { deliveryId: 'not-a-uuid', attempt: 1 } };
    await system.api.get(QueueRegistry).get(Queues.Webhooks).add('deliver', envelope, { jobId: 'metrics-failing-job', attempts: 1 });
    const samples = await waitFor(async () => {
      const scraped = await scrapeWorker();
      return sampleValue(scraped, 'ajar_job_failures_total', { queue: Queues.Webhooks, final: 'true' }) === 1 ? scraped : undefined;
    }, 'the final failure to be counted');
    expect(sampleValue(samples, 'ajar_job_duration_seconds_count', { queue: Queues.Webhooks, outcome: 'failed' })).toBe(1);
    expect(sampleValue(samples, 'ajar_job_failures_total', { queue: Queues.Webhooks, final: 'false' })).toBeUndefined();
    expect(sampleValue(samples, 'ajar_queue_jobs', { queue: Queues.Webhooks, state: 'failed' })).toBe(1);
  });

  it('shows work the worker left: outbox lag while it is down, a case stuck in screening after 5 minutes, failed screenings', async () => {
    await system.stopWorker();
    const caseId = await submit();
    const waiting = await scrapeApi();
    expect(sampleValue(waiting, 'ajar_outbox_unpublished_messages')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(waiting, 'ajar_outbox_oldest_unpublished_age_seconds')).toBeGreaterThan(0);
    expect(sampleValue(waiting, 'ajar_cases_screening_stuck')).toBe(0);

    await system.query(`UPDATE cases SET updated_at = now() - interval '6 minutes' WHERE id = $1 AND state = 'screening'`, [caseId]);
    expect(sampleValue(await scrapeApi(), 'ajar_cases_screening_stuck')).toBe(1);

    // A job no worker takes: the queue shows it waiting, and its age grows.
    const job = await system.api.get(QueueRegistry).get(Queues.Maintenance).add('metrics-probe', { probe: true });
    const queued = await waitFor(async () => {
      const samples = await scrapeApi();
      return (sampleValue(samples, 'ajar_queue_oldest_waiting_age_seconds', { queue: Queues.Maintenance }) ?? 0) > 0 ? samples : undefined;
    }, 'the waiting job to age');
    expect(sampleValue(queued, 'ajar_queue_jobs', { queue: Queues.Maintenance, state: 'waiting' })).toBe(1);
    expect(sampleValue(queued, 'ajar_queue_oldest_waiting_age_seconds', { queue: Queues.Webhooks })).toBe(0);
    await job.remove();

    const failed = await submit();
    await system.query(`UPDATE cases SET state = 'screening_failed' WHERE id = $1`, [failed]);
    const after = await scrapeApi();
    expect(sampleValue(after, 'ajar_cases_screening_failed')).toBe(1);
    expect(sampleValue(after, 'ajar_cases_screening_stuck')).toBe(1);
  });

  it('answers /metrics only to the scrape token, on the API and the worker', async () => {
    await system.startWorker();
    for (const http of [() => system.http(), workerHttp]) {
      const missing = await http().get('/metrics').expect(401);
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="ajar-metrics"');
      expect(missing.text).not.toContain('ajar_');
      await http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`).expect(401);
      await http().get('/metrics').set('Authorization', `Bearer ${OPERATOR_TOKEN}`).expect(401);
      await http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    }
    expect((await workerHttp().get('/health/live').expect(200)).body).toMatchObject({ status: 'ok' });
  });

  it('shows the queues in a read-only dashboard to the operator only (Bearer, or Basic for a browser)', async () => {
    const refused = await system.http().get('/admin/queues').expect(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Basic realm="ajar-operator"/);
    await system.http().get('/admin/queues').set('Authorization', basic('operator', 'wrong-token')).expect(401);
    await system.http().get('/admin/queues').set('Authorization', `Bearer ${integrator}`).expect(401);
    await system.http().get('/admin/queues').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(401);
    await system.http().get('/admin/queues/api/queues').expect(401);

    const page = await system.http().get('/admin/queues').set('Authorization', basic('operator', OPERATOR_TOKEN)).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const api = await system.http().get('/admin/queues/api/queues').set('Authorization', `Bearer ${OPERATOR_TOKEN}`).expect(200);
    const queues = api.body.queues as { name: string; readOnlyMode: boolean }[];
    expect(queues.map((queue) => queue.name).sort()).toEqual(Object.values(Queues).sort());
    expect(queues.every((queue) => queue.readOnlyMode)).toBe(true);
  });
});

describe('/metrics and the dashboard without their tokens', () => {
  const startWith = async (nodeEnv: string): Promise<TestSystem> => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = nodeEnv;
    try {
      return await TestSystem.start({ worker: true });
    } finally {
      process.env.NODE_ENV = previous;
    }
  };

  it('in production: /metrics and /admin/queues answer 404 on the API, /metrics 404 on the worker', async () => {
    const system = await startWith('production');
    try {
      await system.http().get('/metrics').expect(404);
      await system.http().get('/admin/queues').set('Authorization', `Bearer ${OPERATOR_TOKEN}`).expect(404);
      await request(`http://127.0.0.1:${system.worker!.get(WorkerHttpServer).port()}`).get('/metrics').expect(404);
    } finally {
      await system.stop();
    }
  });

  it('in development: /metrics is open on both, the dashboard still off', async () => {
    const system = await startWith('development');
    try {
      expect((await system.http().get('/metrics').expect(200)).text).toContain('ajar_http_request_duration_seconds');
      await request(`http://127.0.0.1:${system.worker!.get(WorkerHttpServer).port()}`).get('/metrics').expect(200);
      await system.http().get('/admin/queues').expect(404);
    } finally {
      await system.stop();
    }
  });
});
