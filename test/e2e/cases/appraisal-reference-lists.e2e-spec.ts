import { QueueEvents } from 'bullmq';
import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

interface Assessment {
  referenceLists: { listId: string; version: number }[];
  counterparty: string;
  level: string;
  findings: { rule: string; subject: string; evidence: { listId?: string; listVersion?: number; entryId?: string } }[];
}

function proposal(partnerName: string): Record<string, unknown> {
  return {
    kind: 'collaboration',
    title: 'Sensor collaboration',
    researchStage: 'applied',
    technologyAreas: ['quantum'],
    partners: [{ name: partnerName, country: 'NL', type: 'company' }],
    personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: disclosure() }],
  };
}

describe('appraisal against the tenant\'s reference lists', () => {
  let system: TestSystem;
  let tenantId: string;
  let integrator: string;
  let rso: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    const tenant = await system.createTenant('funder', 'Research Council');
    tenantId = tenant.tenantId;
    integrator = await system.issueKey(tenant.adminKey, ['integrator']);
    rso = await system.issueKey(tenant.adminKey, ['rso']);
    await addList('sanctions', 1, 'sanctions', [
      { entryId: 'san-1', schema: 'organisation', name: 'Volkov Photonics Holding', country: 'XX', topics: ['sanction'] },
    ]);
  });
  afterAll(() => system.stop());

  async function addList(listId: string, version: number, kind: string, entries: Record<string, unknown>[]): Promise<void> {
    await system.query(
      `INSERT INTO reference_list_versions (tenant_id, list_id, version, kind, topic_severity, entry_count, created_at)
       VALUES ($1, $2, $3, $4, '{}', $5, now())`,
      [tenantId, listId, version, kind, entries.length],
    );
    for (const entry of entries) {
      await system.query(
        `INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry) VALUES ($1, $2, $3, $4, $5)`,
        [tenantId, listId, version, entry.entryId, JSON.stringify(entry)],
      );
    }
  }

  const submit = async (body: Record<string, unknown>): Promise<string> =>
    (await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(body).expect(202)).body.id as string;
  const latest = (caseId: string): Promise<Assessment> =>
    waitFor(async () => {
      const response = await system.http().get(`/v1/cases/${caseId}/assessments/latest`).set('Authorization', `Bearer ${rso}`);
      return response.status === 200 ? (response.body as Assessment) : undefined;
    }, `the assessment of ${caseId}`);

  it('finds a partner on a sanctions list and records the list version it used', async () => {
    const assessment = await latest(await submit(proposal('Volkov Photonics Holding')));
    expect(assessment.referenceLists).toEqual([{ listId: 'sanctions', version: 1 }]);
    const hit = assessment.findings.find((finding) => finding.rule === 'RS-L-001');
    expect(hit).toMatchObject({ subject: '/partners/0', evidence: { listId: 'sanctions', listVersion: 1, entryId: 'san-1' } });

    const clean = await latest(await submit(proposal('Acme Photonics B.V.')));
    expect(clean.findings.some((finding) => finding.rule.startsWith('RS-L-00') && finding.evidence.listId === 'sanctions')).toBe(false);
  });

  it('uses a new list version for cases appraised after it arrives', async () => {
    await addList('sanctions', 2, 'sanctions', [
      { entryId: 'san-1', schema: 'organisation', name: 'Volkov Photonics Holding', country: 'XX', topics: ['sanction'] },
      { entryId: 'san-2', schema: 'organisation', name: 'Acme Photonics B.V.', country: 'NL', topics: ['sanction'] },
    ]);
    const assessment = await latest(await submit(proposal('Acme Photonics B.V.')));
    expect(assessment.referenceLists).toEqual([{ listId: 'sanctions', version: 2 }]);
    expect(assessment.findings.find((finding) => finding.rule === 'RS-L-001')?.evidence).toMatchObject({ listVersion: 2, entryId: 'san-2' });
  });

  it('appraises 200 queued cases against a 100,000-entry index without a stalled job', async () => {
    await system.query(
      `INSERT INTO reference_list_versions (tenant_id, list_id, version, kind, topic_severity, entry_count, created_at)
       VALUES ($1, 'bulk-watchlist', 1, 'watchlist', '{}', 100000, now())`,
      [tenantId],
    );
    await system.query(
      `INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry)
       SELECT $1, 'bulk-watchlist', 1, 'w' || lpad(g::text, 6, '0'),
              jsonb_build_object('entryId', 'w' || lpad(g::text, 6, '0'), 'schema', 'organisation',
                                 'name', 'Synthetic Trading ' || g || ' Holdings', 'country', 'XX', 'topics', '[]'::jsonb)
         FROM generate_series(1, 100000) AS g`,
      [tenantId],
    );
    const events = new QueueEvents('appraisal', { connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, prefix: system.prefix });
    await events.waitUntilReady();
    let stalled = 0;
    events.on('stalled', () => (stalled += 1));
    try {
      const ids: string[] = [];
      for (let index = 0; index < 200; index += 1) ids.push(await submit(proposal(`Partner Company ${index}`)));
      await waitFor(
        async () => {
          const [{ count }] = await system.query<{ count: number }>(`SELECT count(*)::int AS count FROM assessments WHERE case_id = ANY($1::uuid[])`, [ids]);
          return count === 200;
        },
        'all 200 cases to be appraised',
        120_000,
      );
      const used = await system.query<{ reference_lists: { listId: string; version: number }[] }>(
        `SELECT DISTINCT reference_lists FROM assessments WHERE case_id = ANY($1::uuid[])`,
        [ids],
      );
      expect(used).toEqual([{ reference_lists: [{ listId: 'bulk-watchlist', version: 1 }, { listId: 'sanctions', version: 2 }] }]);
    } finally {
      await events.close();
    }
    expect(stalled).toBe(0);
  }, 180_000);
});
