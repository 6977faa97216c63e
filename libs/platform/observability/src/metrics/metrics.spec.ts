import { createServer } from 'node:http';
import request from 'supertest';
import { AjarEnvironment } from '@ajar/config';
import { Metrics } from './metrics';

function metricsWith(env: Partial<AjarEnvironment> = {}): Metrics {
  return new Metrics(Object.assign(new AjarEnvironment(), env));
}

describe('Metrics: gauges read at scrape time', () => {
  it('reads a source once per scrape, however many gauges it feeds', async () => {
    const metrics = metricsWith();
    let reads = 0;
    metrics.addScrapeGauges('test_source', async () => ({ waiting: 3 + reads++, oldest: 12.5 }), [
      { name: 'test_waiting', help: 'waiting', set: (gauge, reading) => gauge.set(reading.waiting) },
      { name: 'test_oldest_seconds', help: 'oldest', set: (gauge, reading) => gauge.set(reading.oldest) },
    ]);
    const first = await metrics.registry.metrics();
    expect(reads).toBe(1);
    expect(first).toContain('test_waiting 3\n');
    expect(first).toContain('test_oldest_seconds 12.5\n');
    expect(first).toContain('ajar_metrics_source_up{source="test_source"} 1\n');
    expect(await metrics.registry.metrics()).toContain('test_waiting 4\n');
    expect(reads).toBe(2);
  });

  it('leaves the gauges of a source it cannot read out of the scrape, says so, and answers the rest', async () => {
    const metrics = metricsWith();
    let down = false;
    metrics.addScrapeGauges('flaky', async () => {
      if (down) throw new Error('connection refused');
      return { jobs: 7 };
    }, [{ name: 'test_jobs', help: 'jobs', labelNames: ['queue'], set: (gauge, reading) => gauge.set({ queue: 'q' }, reading.jobs) }]);
    expect(await metrics.registry.metrics()).toContain('test_jobs{queue="q"} 7\n');
    down = true;
    const text = await metrics.registry.metrics();
    expect(text).not.toContain('test_jobs{');
    expect(text).toContain('ajar_metrics_source_up{source="flaky"} 0\n');
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('Metrics: the /metrics answer', () => {
  const serverOf = (metrics: Metrics) => createServer((req, res) => void metrics.serve(req, res));

  it('answers the exposition to the token, 401 with a challenge to anyone else', async () => {
    const server = serverOf(metricsWith({ AJAR_METRICS_TOKEN: 'scrape-token-0123456789abcdef' }));
    const refused = await request(server).get('/metrics').expect(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="ajar-metrics"');
    const answered = await request(server).get('/metrics').set('Authorization', 'Bearer scrape-token-0123456789abcdef').expect(200);
    expect(answered.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answered.text).toContain('# TYPE ajar_http_request_duration_seconds histogram');
  });

  it('is off (404) in production without a token, open in development', async () => {
    await request(serverOf(metricsWith({ NODE_ENV: 'production' }))).get('/metrics').expect(404);
    await request(serverOf(metricsWith({ NODE_ENV: 'development' }))).get('/metrics').expect(200);
  });
});
