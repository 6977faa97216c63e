import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem } from '../../support/test-system';

describe('event store: append-only, hash-chained per tenant', () => {
  let system: TestSystem;
  let tenantId: string;
  let adminKey: string;
  let auditor: string;
  let integrator: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    ({ tenantId, adminKey } = await system.createTenant());
    auditor = await system.issueKey(adminKey, ['auditor']);
    integrator = await system.issueKey(adminKey, ['integrator']);
    for (let index = 0; index < 3; index += 1) {
      await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(caseSubmission({ disclosed: 1 })).expect(202);
    }
  });
  afterAll(() => system.stop());

  const verify = async (): Promise<Record<string, unknown>> =>
    (await system.http().get('/v1/audit/verify').set('Authorization', `Bearer ${auditor}`).expect(200)).body as Record<string, unknown>;

  it('verifies an untouched chain from genesis to head', async () => {
    const result = await verify();
    const [{ count }] = await system.query<{ count: string }>(`SELECT count(*) FROM events WHERE tenant_id = $1`, [tenantId]);
    expect(result).toMatchObject({ tenantId, valid: true, eventsChecked: Number(count), headSequence: count });
    expect(Number(count)).toBeGreaterThan(10);
  });

  it('links each event to the hash of the one before it, per tenant', async () => {
    const rows = await system.query<{ tenant_sequence: string; previous_hash: string; hash: string }>(
      `SELECT tenant_sequence, previous_hash, hash FROM events WHERE tenant_id = $1 ORDER BY tenant_sequence`,
      [tenantId],
    );
    expect(rows[0].previous_hash).toBe('0'.repeat(64));
    for (let index = 1; index < rows.length; index += 1) {
      expect(rows[index].previous_hash).toBe(rows[index - 1].hash);
      expect(Number(rows[index].tenant_sequence)).toBe(index + 1);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE on events in the database itself', async () => {
    await expect(system.query(`UPDATE events SET type = 'X' WHERE tenant_id = $1`, [tenantId])).rejects.toThrow(/append-only/);
    await expect(system.query(`DELETE FROM events WHERE tenant_id = $1`, [tenantId])).rejects.toThrow(/append-only/);
    await expect(system.query(`TRUNCATE events`)).rejects.toThrow(/append-only/);
  });

  it('names the first broken link after a superuser tampers with a row', async () => {
    const [victim] = await system.query<{ id: string; tenant_sequence: string }>(
      `SELECT id, tenant_sequence FROM events WHERE tenant_id = $1 AND type = 'DisclosureFiled' ORDER BY tenant_sequence LIMIT 1`,
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

  it('reports a removed event as a gap', async () => {
    const other = await system.createTenant('funder', 'Other Funder');
    const otherAuditor = await system.issueKey(other.adminKey, ['auditor']);
    await system.issueKey(other.adminKey, ['rso']);
    await system.query(`SET session_replication_role = replica`);
    await system.query(`DELETE FROM events WHERE tenant_id = $1 AND tenant_sequence = 2`, [other.tenantId]);
    await system.query(`SET session_replication_role = DEFAULT`);
    const result = (await system.http().get('/v1/audit/verify').set('Authorization', `Bearer ${otherAuditor}`).expect(200)).body;
    expect(result).toMatchObject({ valid: false, firstBrokenLink: { tenantSequence: '2', reason: 'sequence_gap' } });
  });
});
