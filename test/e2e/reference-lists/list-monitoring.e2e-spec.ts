import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

// Read when the worker compiles its modules: owed work Redis lost is re-created within a second.
process.env.AJAR_RECONCILE_MS = '300';

const ftm = (entities: { id: string; name: string }[]): string =>
  entities.map((entity) => JSON.stringify({ id: entity.id, schema: 'Company', properties: { name: [entity.name], country: ['nl'], topics: ['sanction'] } })).join('\n');

function fastLaneCase(partner: string): Record<string, unknown> {
  return {
    kind: 'collaboration',
    title: `Open project with ${partner}`,
    researchStage: 'fundamental',
    technologyAreas: ['none'],
    publicationIntent: 'open',
    partners: [{ name: partner, country: 'NL', type: 'company', identifiers: { registration: `REG-${partner.length}` }, dueDiligence: { identityVerified: 'yes' } }],
    personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: { ...disclosure(), supportSources: [] } }],
  };
}

describe('monitoring: a new list version re-screens open and approved cases against what it adds or changes', () => {
  let system: TestSystem;
  let admin: string;
  let integrator: string;
  let rso: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    ({ adminKey: admin } = await system.createTenant('funder', 'Research Council'));
    integrator = await system.issueKey(admin, ['integrator']);
    rso = await system.issueKey(admin, ['rso']);
    await system.http().put('/v1/reference-lists/watch').set('Authorization', `Bearer ${admin}`).send({ kind: 'sanctions' }).expect(200);
  });
  afterAll(() => system.stop());

  const upload = (body: string) =>
    system.http().post('/v1/reference-lists/watch/versions').set('Authorization', `Bearer ${admin}`).set('Content-Type', 'application/x-ndjson').send(body).expect(201);
  const read = async (id: string) => (await system.http().get(`/v1/cases/${id}`).set('Authorization', `Bearer ${rso}`).expect(200)).body;
  const events = async (id: string) =>
    (await system.http().get(`/v1/cases/${id}/events`).set('Authorization', `Bearer ${rso}`).expect(200)).body.items as { type: string; data: Record<string, unknown> }[];
  const monitoringOf = async (version: number) => {
    const list = (await system.http().get('/v1/reference-lists/watch').set('Authorization', `Bearer ${rso}`).expect(200)).body;
    return list.versions.find((item: { version: number }) => item.version === version).monitoring as { casesToScreen: number; casesScreened: number; alerts: number };
  };
  const submitCleared = async (partner: string): Promise<string> => {
    const id = (await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(fastLaneCase(partner)).expect(202)).body.id as string;
    await waitFor(async () => (await read(id)).state === 'cleared', `case with ${partner} to be cleared`);
    return id;
  };

  it('alerts the case whose partner a new entry matches, re-opens its review, and leaves the others', async () => {
    await upload(ftm([{ id: 's-1', name: 'Nightjar Trading House' }]));
    const hit = await submitCleared('Kestrel Optics B.V.');
    const quiet = await submitCleared('Leiden Instruments B.V.');

    await upload(ftm([{ id: 's-1', name: 'Nightjar Trading House' }, { id: 's-2', name: 'Kestrel Optics' }]));

    const progress = await waitFor(async () => {
      const current = await monitoringOf(2);
      return current.casesScreened === current.casesToScreen && current.casesToScreen > 0 ? current : undefined;
    }, 'monitoring of version 2 to finish');
    expect(progress).toEqual({ casesToScreen: 2, casesScreened: 2, alerts: 1 });

    const alerted = await waitFor(async () => {
      const body = await read(hit);
      return body.state === 'in_review' ? body : undefined;
    }, 'the alerted case to be back in review');
    expect(alerted.level).not.toBeNull();
    const alert = (await events(hit)).find((event) => event.type === 'MonitoringAlertRaised');
    expect(alert?.data).toMatchObject({ listId: 'watch', listVersion: 2, previousState: 'cleared', hits: [{ subject: '/partners/0', entryId: 's-2' }] });
    const latest = (await system.http().get(`/v1/cases/${hit}/assessments/latest`).set('Authorization', `Bearer ${rso}`).expect(200)).body;
    expect(latest.referenceLists).toEqual([{ listId: 'watch', version: 2 }]);
    expect(latest.findings.some((finding: { rule: string }) => finding.rule === 'RS-L-001')).toBe(true);

    expect((await read(quiet)).state).toBe('cleared');
    expect((await events(quiet)).some((event) => event.type === 'MonitoringAlertRaised')).toBe(false);
  });

  it('does not alert again for an entry that did not change', async () => {
    await upload(ftm([{ id: 's-1', name: 'Nightjar Trading House' }, { id: 's-2', name: 'Kestrel Optics' }, { id: 's-3', name: 'Osprey Freight' }]));
    const progress = await waitFor(async () => {
      const current = await monitoringOf(3);
      return current.casesScreened === current.casesToScreen && current.casesToScreen > 0 ? current : undefined;
    }, 'monitoring of version 3 to finish');
    expect(progress.alerts).toBe(0);
    const alerts = await system.query(`SELECT 1 FROM events WHERE type = 'MonitoringAlertRaised'`);
    expect(alerts).toHaveLength(1);
  });

  it('alerts for an entry that changed: a new name on an existing entry is screened again', async () => {
    const quiet = (await system.query<{ id: string }>(`SELECT id FROM cases WHERE content->'partners'->0->>'name' = 'Leiden Instruments B.V.'`))[0].id;
    await upload(ftm([{ id: 's-1', name: 'Nightjar Trading House' }, { id: 's-2', name: 'Kestrel Optics' }, { id: 's-3', name: 'Leiden Instruments' }]));
    const progress = await waitFor(async () => {
      const current = await monitoringOf(4);
      return current.casesScreened === current.casesToScreen && current.casesToScreen > 0 ? current : undefined;
    }, 'monitoring of version 4 to finish');
    expect(progress.alerts).toBe(1);
    const alert = (await events(quiet)).find((event) => event.type === 'MonitoringAlertRaised');
    // Only the changed entry is in the delta: s-1 and s-2 are as they were.
    expect(alert?.data).toMatchObject({ listVersion: 4, hits: [{ entryId: 's-3' }] });
  });

  it('raises nothing twice when a batch is delivered again, and counts it once', async () => {
    const hit = (await system.query<{ id: string }>(`SELECT id FROM cases WHERE content->'partners'->0->>'name' = 'Kestrel Optics B.V.'`))[0].id;
    const alertsOf = async (version: number) =>
      (await events(hit)).filter((event) => event.type === 'MonitoringAlertRaised' && event.data.listVersion === version).length;
    expect(await alertsOf(2)).toBe(1);
    // The case is in review again, where an alert is allowed: only the batch's own check stops a second one.
    await waitFor(async () => (await read(hit)).state === 'in_review', 'the alerted case to be in review');

    // Deliver version 2's batch again as a new job with the same message, as BullMQ would after a lost lock.
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const monitoring = new Queue('monitoring', { connection: redis, prefix: system.prefix });
    try {
      const batches = (await monitoring.getJobs(['completed'])).filter(
        (job) => job.name === 'reference_list.rescreen_batch.v1' && job.data.data.version === 2 && String(job.data.data.caseIds).includes(hit),
      );
      expect(batches).toHaveLength(1);
      const again = await monitoring.add(batches[0].name, batches[0].data, { jobId: `${batches[0].id}-again` });
      const finished = await waitFor(async () => {
        const job = await monitoring.getJob(again.id as string);
        return job?.finishedOn ? job : undefined;
      }, 'the batch delivered again to finish');
      expect(await finished.isCompleted()).toBe(true);
    } finally {
      await monitoring.close();
      await redis.quit();
    }
    expect(await alertsOf(2)).toBe(1);
    expect(await monitoringOf(2)).toEqual({ casesToScreen: 2, casesScreened: 2, alerts: 1 });
  });

  it('runs again a batch whose job Redis lost before it settled, counting and alerting nothing twice', async () => {
    const batches = await system.query<{ id: string }>(
      `SELECT id FROM outbox_messages WHERE job_name = 'reference_list.rescreen_batch.v1' AND envelope->'data'->>'version' = '2'`,
    );
    expect(batches).toHaveLength(1);
    const ids = batches.map((batch) => batch.id);
    const alertsBefore = await system.query(`SELECT 1 FROM events WHERE type = 'MonitoringAlertRaised'`);
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const monitoring = new Queue('monitoring', { connection: redis, prefix: system.prefix });
    try {
      // The batch row is owed again and Redis no longer has its job: a loss between run and receipt.
      expect(await monitoring.remove(ids[0])).toBe(1);
      await system.query(`UPDATE outbox_messages SET settled_at = NULL WHERE id = ANY($1::uuid[])`, [ids]);
      await waitFor(
        async () => (await system.query(`SELECT 1 FROM outbox_messages WHERE id = ANY($1::uuid[]) AND settled_at IS NULL`, [ids])).length === 0,
        'the lost batch to be re-created and to settle',
      );
      expect((await monitoring.getJob(ids[0]))?.finishedOn).toBeGreaterThan(0);
    } finally {
      await monitoring.close();
      await redis.quit();
    }
    expect(await monitoringOf(2)).toEqual({ casesToScreen: 2, casesScreened: 2, alerts: 1 });
    expect(await system.query(`SELECT 1 FROM events WHERE type = 'MonitoringAlertRaised'`)).toHaveLength(alertsBefore.length);
  });
});
