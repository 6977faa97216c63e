import { probeState, readinessReport } from './readiness';

describe('readiness', () => {
  it('is ok, 200, when every dependency is up', () => {
    const { httpStatus, report } = readinessReport({ postgres: { status: 'up', required: true }, redis: { status: 'up', required: false } });
    expect(httpStatus).toBe(200);
    expect(report).toMatchObject({ status: 'ok', error: {}, details: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('is degraded, still 200, when only an optional dependency is down', () => {
    const { httpStatus, report } = readinessReport({ postgres: { status: 'up', required: true }, redis: { status: 'down', required: false, message: 'not reachable' } });
    expect(httpStatus).toBe(200);
    expect(report).toMatchObject({ status: 'degraded', info: { postgres: { status: 'up' } }, error: { redis: { status: 'down', required: false } } });
  });

  it('fails, 503, when a required dependency is down, whatever the others', () => {
    for (const redis of ['up', 'down'] as const) {
      const { httpStatus, report } = readinessReport({ postgres: { status: 'down', required: true }, redis: { status: redis, required: false } });
      expect(httpStatus).toBe(503);
      expect(report.status).toBe('error');
    }
  });

  it('reports a probe that throws or says down as "not reachable", never the driver\'s message (hosts, ports)', async () => {
    const thrown = await probeState({ name: 'redis', required: false, probe: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:6379')) });
    const down = await probeState({ name: 'postgres', required: true, probe: () => Promise.resolve({ postgres: { status: 'down', message: 'db.internal:5432' } }) });
    expect(thrown).toEqual({ status: 'down', required: false, message: 'not reachable' });
    expect(down).toEqual({ status: 'down', required: true, message: 'not reachable' });
  });
});
