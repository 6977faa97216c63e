import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

interface Verification {
  tenantId: string;
  valid: boolean;
  eventsChecked: number;
  headSequence: string;
  pendingEvents: number;
  firstBrokenLink?: { tenantSequence: string | null; eventId: string | null; reason: string };
}

describe('event store: append-only, hash-chained per tenant', () => {
  let system: TestSystem;
  let tenantId: string;
  let adminKey: string;
  let auditor: string;
  let integrator: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    ({ tenantId, adminKey } = await system.createTenant());
    auditor = await system.issueKey(adminKey, ['auditor']);
    integrator = await system.issueKey(adminKey, ['integrator']);
    for (let index = 0; index < 3; index += 1) {
      await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(caseSubmission({ disclosed: 1 })).expect(202);
    }
  });
  afterAll(() => system.stop());

  const verify = async (key = auditor): Promise<Verification> =>
    (await system.http().get('/v1/audit/verify').set('Authorization', `Bearer ${key}`).expect(200)).body as Verification;

  it('chains every committed event shortly after commit, and verifies the chain from genesis to head', async () => {
    // The worker appraises the cases (more events) and its chainer links events after commit:
    // wait for both rather than for a fixed time.
    await waitFor(
      async () => (await system.query(`SELECT 1 FROM cases WHERE tenant_id = $1 AND state = 'screening'`, [tenantId])).length === 0,
      'the cases to be appraised',
    );
    const result = await waitFor(async () => {
      const current = await verify();
      return current.pendingEvents === 0 ? current : undefined;
    }, 'the chainer to link every event');
    const [{ count }] = await system.query<{ count: string }>(`SELECT count(*) FROM events WHERE tenant_id = $1`, [tenantId]);
    expect(result).toMatchObject({ tenantId, valid: true, eventsChecked: Number(count), headSequence: count, pendingEvents: 0 });
    expect(Number(count)).toBeGreaterThan(10);
  });

  it('links each event to the hash of the one before it, per tenant, in commit order', async () => {
    const rows = await system.query<{ tenant_sequence: string; previous_hash: string; hash: string }>(
      `SELECT tenant_sequence, previous_hash, hash FROM event_chain WHERE tenant_id = $1 ORDER BY tenant_sequence`,
      [tenantId],
    );
    expect(rows[0].previous_hash).toBe('0'.repeat(64));
    for (let index = 1; index < rows.length; index += 1) {
      expect(rows[index].previous_hash).toBe(rows[index - 1].hash);
      expect(Number(rows[index].tenant_sequence)).toBe(index + 1);
    }
    const timeline = await system
      .http()
      .get(`/v1/cases/${(await system.query<{ id: string }>(`SELECT id FROM cases LIMIT 1`))[0].id}/events`)
      .set('Authorization', `Bearer ${auditor}`)
      .expect(200);
    expect(timeline.body.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores the events of one command in order: positions rise with stream versions, each with its own payload, the metadata shared', async () => {
    // One submission appends several events in one statement (ids, types and payloads as arrays).
    const response = await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(caseSubmission({ people: 3 })).expect(202);
    const caseId = String(response.body.id);
    const rows = await system.query<{ position: string; stream_version: number; type: string; payload: Record<string, unknown>; metadata: Record<string, unknown> }>(
      `SELECT position, stream_version, type, payload, metadata FROM events WHERE stream_id = $1 AND stream_version <= 5 ORDER BY stream_version`,
      [caseId],
    );
    expect(rows.map((row) => [row.stream_version, row.type])).toEqual([
      [1, 'CaseSubmitted'],
      [2, 'DisclosureFiled'],
      [3, 'DisclosureFiled'],
      [4, 'DisclosureFiled'],
      [5, 'DisclosuresCompleted'],
    ]);
    const positions = rows.map((row) => BigInt(row.position));
    expect([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(positions);
    expect(rows[0].payload).toMatchObject({ caseId, caseVersion: 1 });
    const people = rows.slice(1, 4).map((row) => row.payload.personRef);
    expect(new Set(people).size).toBe(3);
    expect(rows.every((row) => row.metadata.correlationId === rows[0].metadata.correlationId)).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on events and chain links in the database itself', async () => {
    await expect(system.query(`UPDATE events SET type = 'X' WHERE tenant_id = $1`, [tenantId])).rejects.toThrow(/append-only/);
    await expect(system.query(`DELETE FROM events WHERE tenant_id = $1`, [tenantId])).rejects.toThrow(/append-only/);
    await expect(system.query(`TRUNCATE events CASCADE`)).rejects.toThrow(/append-only/);
    await expect(system.query(`UPDATE event_chain SET hash = repeat('0', 64) WHERE tenant_id = $1`, [tenantId])).rejects.toThrow(/append-only/);
    await expect(system.query(`DELETE FROM event_chain WHERE tenant_id = $1`, [tenantId])).rejects.toThrow(/append-only/);
  });

  it('names the first broken link after a superuser tampers with an event', async () => {
    const [victim] = await system.query<{ id: string; tenant_sequence: string }>(
      `SELECT e.id, c.tenant_sequence FROM events e JOIN event_chain c ON c.event_id = e.id
        WHERE e.tenant_id = $1 AND e.type = 'DisclosureFiled' ORDER BY c.tenant_sequence LIMIT 1`,
      [tenantId],
    );
    // A superuser can bypass the trigger; the chain still shows what was done.
    await system.query(`SET session_replication_role = replica`);
    await system.query(`UPDATE events SET payload = jsonb_set(payload, '{personRef}', '"someone-else"') WHERE id = $1`, [victim.id]);
    await system.query(`SET session_replication_role = DEFAULT`);

    const result = await verify();
    expect(result.valid).toBe(false);
    expect(result.firstBrokenLink).toMatchObject({ tenantSequence: victim.tenant_sequence, eventId: victim.id, reason: 'hash_mismatch' });
  });

  it('reports a removed event, a removed link and an event slipped in around the chain', async () => {
    const setUp = async (): Promise<{ tenantId: string; auditor: string }> => {
      const other = await system.createTenant('funder', 'Other Funder');
      const otherAuditor = await system.issueKey(other.adminKey, ['auditor']);
      await system.issueKey(other.adminKey, ['rso']);
      await waitFor(async () => (await verify(otherAuditor)).pendingEvents === 0, 'the new tenant to be chained');
      return { tenantId: other.tenantId, auditor: otherAuditor };
    };
    const tamper = async (sql: string, parameters: unknown[]): Promise<void> => {
      await system.query(`SET session_replication_role = replica`);
      await system.query(sql, parameters);
      await system.query(`SET session_replication_role = DEFAULT`);
    };

    const first = await setUp();
    await tamper(`DELETE FROM events WHERE id = (SELECT event_id FROM event_chain WHERE tenant_id = $1 AND tenant_sequence = 2)`, [first.tenantId]);
    expect(await verify(first.auditor)).toMatchObject({ valid: false, firstBrokenLink: { tenantSequence: '2', reason: 'event_missing' } });

    const second = await setUp();
    await tamper(`DELETE FROM event_chain WHERE tenant_id = $1 AND tenant_sequence = 2`, [second.tenantId]);
    expect(await verify(second.auditor)).toMatchObject({ valid: false, firstBrokenLink: { tenantSequence: '2', reason: 'sequence_gap' } });

    const third = await setUp();
    await tamper(
      `INSERT INTO events (id, tenant_id, stream_type, stream_id, stream_version, type, payload, metadata, occurred_at)
       VALUES (gen_random_uuid(), $1, 'tenant', $1, 99, 'ApiKeyIssued', '{}', '{}', now())`,
      [third.tenantId],
    );
    expect(await verify(third.auditor)).toMatchObject({ valid: false, firstBrokenLink: { reason: 'unchained_event' } });
  });
});
