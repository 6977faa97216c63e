import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem } from '../../support/test-system';

describe('Idempotency-Key and optimistic concurrency', () => {
  let system: TestSystem;
  let key: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    const { adminKey } = await system.createTenant();
    key = await system.issueKey(adminKey, ['integrator']);
  });
  afterAll(() => system.stop());

  const post = (path: string, body: object, idempotencyKey?: string) => {
    const call = system.http().post(path).set('Authorization', `Bearer ${key}`);
    return (idempotencyKey ? call.set('Idempotency-Key', idempotencyKey) : call).send(body);
  };
  const countCases = async (externalRef: string): Promise<number> =>
    (await system.query(`SELECT 1 FROM cases WHERE external_ref = $1`, [externalRef])).length;

  it('returns the stored first response for the same key and body', async () => {
    const body = caseSubmission({ externalRef: 'idem-1' });
    const first = await post('/v1/cases', body, 'key-1').expect(202);
    const second = await post('/v1/cases', body, 'key-1').expect(202);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countCases('idem-1')).toBe(1);
  });

  it('refuses the same key with another body (422) and writes nothing', async () => {
    await post('/v1/cases', caseSubmission({ externalRef: 'idem-2' }), 'key-2').expect(202);
    const other = await post('/v1/cases', caseSubmission({ externalRef: 'idem-2b' }), 'key-2').expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(await countCases('idem-2b')).toBe(0);
  });

  it('scopes keys by tenant: another tenant may use the same key', async () => {
    const other = await system.createTenant('funder', 'Other');
    const otherKey = await system.issueKey(other.adminKey, ['integrator']);
    const body = caseSubmission({ externalRef: 'idem-3' });
    const mine = await post('/v1/cases', body, 'shared-key').expect(202);
    const theirs = await system.http().post('/v1/cases').set('Authorization', `Bearer ${otherKey}`).set('Idempotency-Key', 'shared-key').send(body).expect(202);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('creates exactly one case from concurrent duplicates', async () => {
    const body = caseSubmission({ externalRef: 'idem-4' });
    const responses = await Promise.all(Array.from({ length: 8 }, () => post('/v1/cases', body, 'key-concurrent')));
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 202 || status === 409)).toBe(true);
    const ids = new Set(responses.filter((response) => response.status === 202).map((response) => response.body.id));
    expect(ids.size).toBe(1);
    expect(await countCases('idem-4')).toBe(1);
    const busy = responses.find((response) => response.status === 409);
    if (busy) {
      expect(busy.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');
      expect(busy.headers['retry-after']).toBe('1');
    }
  });

  it('frees the key when the first request was refused, so a corrected retry goes through', async () => {
    const bad = { ...caseSubmission({ externalRef: 'idem-5' }), title: '' };
    await post('/v1/cases', bad, 'key-5').expect(400);
    await post('/v1/cases', caseSubmission({ externalRef: 'idem-5' }), 'key-5').expect(202);
    expect(await countCases('idem-5')).toBe(1);
  });

  it('applies to PATCH and to sub-resource POSTs too', async () => {
    const created = await post('/v1/cases', caseSubmission({ externalRef: 'idem-6', disclosed: 0 })).expect(202);
    const id = created.body.id as string;
    const patch = () => system.http().patch(`/v1/cases/${id}`).set('Authorization', `Bearer ${key}`).set('Idempotency-Key', 'key-6').send({ title: 'New' });
    const first = await patch().expect(202);
    const again = await patch().expect(202);
    expect(again.body).toEqual(first.body);
    expect(first.body.caseVersion).toBe(2);
    const [row] = await system.query<{ case_version: number }>(`SELECT case_version FROM cases WHERE id = $1`, [id]);
    expect(row.case_version).toBe(2);
  });

  it('lets exactly one of two concurrent commands on a case win; the other gets 409 and writes nothing', async () => {
    for (let round = 0; round < 5; round += 1) {
      const created = await post('/v1/cases', caseSubmission({ externalRef: `race-${round}`, disclosed: 0 })).expect(202);
      const id = created.body.id as string;
      const read = await system.http().get(`/v1/cases/${id}`).set('Authorization', `Bearer ${key}`).expect(200);
      const etag = read.headers.etag as string;
      expect(etag).toBe(`"${read.body.version}"`);
      const [before] = await system.query<{ count: string }>(`SELECT count(*) FROM events WHERE stream_id = $1`, [id]);
      // Both commands are based on the same read: exactly one may apply.
      const [withdrawal, amendment] = await Promise.all([
        system.http().post(`/v1/cases/${id}/withdrawal`).set('Authorization', `Bearer ${key}`).set('If-Match', etag).send({ reason: 'race' }),
        system.http().patch(`/v1/cases/${id}`).set('Authorization', `Bearer ${key}`).set('If-Match', etag).send({ title: 'race' }),
      ]);
      expect([withdrawal.status, amendment.status].sort()).toEqual([202, 409]);
      const loser = withdrawal.status === 409 ? withdrawal : amendment;
      expect(loser.body.code).toBe('STREAM.VERSION_CONFLICT');
      expect(loser.headers['content-type']).toContain('application/problem+json');
      const [after] = await system.query<{ count: string }>(`SELECT count(*) FROM events WHERE stream_id = $1`, [id]);
      const [state] = await system.query<{ state: string; version: number; title: string }>(`SELECT state, version, title FROM cases WHERE id = $1`, [id]);
      // Only the winner's events were appended, and the read model matches the stream.
      expect(Number(after.count) - Number(before.count)).toBe(withdrawal.status === 202 ? 1 : 2);
      expect(state.version).toBe(Number(after.count));
      expect(state.state).toBe(withdrawal.status === 202 ? 'withdrawn' : 'awaiting_disclosures');
      expect(state.title).toBe(withdrawal.status === 202 ? 'Photonic quantum sensors for medical imaging' : 'race');
    }
  });

  it('without If-Match, racing commands never leave the stream and the read model apart', async () => {
    const created = await post('/v1/cases', caseSubmission({ externalRef: 'race-free', disclosed: 0 })).expect(202);
    const id = created.body.id as string;
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_unused, index) =>
        system.http().patch(`/v1/cases/${id}`).set('Authorization', `Bearer ${key}`).send({ title: `t${index}` }),
      ),
    );
    const won = responses.filter((response) => response.status === 202).length;
    expect(won).toBeGreaterThanOrEqual(1);
    expect(responses.every((response) => response.status === 202 || response.body.code === 'STREAM.VERSION_CONFLICT')).toBe(true);
    const [row] = await system.query<{ version: number; case_version: number }>(`SELECT version, case_version FROM cases WHERE id = $1`, [id]);
    const [events] = await system.query<{ count: string; amended: string }>(
      `SELECT count(*), count(*) FILTER (WHERE type = 'CaseAmended') AS amended FROM events WHERE stream_id = $1`,
      [id],
    );
    expect(row.version).toBe(Number(events.count));
    expect(row.case_version).toBe(1 + won);
    expect(Number(events.amended)).toBe(won);
  });

  it('refuses a stale or malformed If-Match', async () => {
    const created = await post('/v1/cases', caseSubmission({ externalRef: 'stale', disclosed: 0 })).expect(202);
    const id = created.body.id as string;
    const stale = await system.http().patch(`/v1/cases/${id}`).set('Authorization', `Bearer ${key}`).set('If-Match', '"1"').send({ title: 'x' }).expect(409);
    expect(stale.body.code).toBe('STREAM.VERSION_CONFLICT');
    const bad = await system.http().patch(`/v1/cases/${id}`).set('Authorization', `Bearer ${key}`).set('If-Match', 'yesterday').send({ title: 'x' }).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'If-Match', reason: expect.stringContaining('ETag') }]);
  });
});
