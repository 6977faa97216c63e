import { caseSubmission, disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

describe('case intake and lifecycle', () => {
  let system: TestSystem;
  let key: string;

  beforeAll(async () => {
    // The worker runs only in the first test, so later tests see the states their commands leave.
    system = await TestSystem.start({ worker: false });
    const { adminKey } = await system.createTenant();
    key = await system.issueKey(adminKey, ['integrator']);
  });
  afterAll(() => system.stop());

  const auth = (): [string, string] => ['Authorization', `Bearer ${key}`];

  it('accepts a fully disclosed case with 202, takes it to screening through the outbox, and appraises it', async () => {
    const response = await system.http().post('/v1/cases').set(...auth()).send(caseSubmission()).expect(202);
    expect(response.body).toMatchObject({ state: 'screening', caseVersion: 1 });
    const id = response.body.id as string;

    const read = await system.http().get(`/v1/cases/${id}`).set(...auth()).expect(200);
    expect(read.body).toMatchObject({ id, state: 'screening', level: null, pendingDisclosures: [] });
    expect(read.body.content.partners).toHaveLength(2);
    expect(read.body.content.personnel[0]).not.toHaveProperty('disclosure');
    expect(read.body.disclosures).toEqual([
      { personRef: 'p1', filed: true, certifiedAt: '2026-11-01T09:00:00Z' },
      { personRef: 'p2', filed: true, certifiedAt: '2026-11-01T09:00:00Z' },
    ]);

    await system.http().get(`/v1/cases/${id}/assessments/latest`).set(...auth()).expect(404);
    await system.startWorker();
    await waitFor(
      async () => (await system.query(`SELECT 1 FROM assessments WHERE case_id = $1`, [id])).length === 1,
      'the appraisal worker to assess the case',
    );
    await system.stopWorker();
    const after = await system.http().get(`/v1/cases/${id}`).set(...auth()).expect(200);
    const latest = await system.http().get(`/v1/cases/${id}/assessments/latest`).set(...auth()).expect(200);
    expect(latest.body).toMatchObject({ caseId: id, caseVersion: 1, sequence: 1, policy: { name: 'ajar-default', version: 0 }, referenceLists: [] });
    expect(after.body.level).toBe(latest.body.level);
    expect(after.body.state).toBe(latest.body.route === 'auto_clear' ? 'cleared' : 'in_review');
  });

  it('waits for disclosures, then requests screening when the last person files', async () => {
    const submitted = await system.http().post('/v1/cases').set(...auth()).send(caseSubmission({ people: 3, disclosed: 1 })).expect(202);
    expect(submitted.body.state).toBe('awaiting_disclosures');
    const id = submitted.body.id as string;
    const read = await system.http().get(`/v1/cases/${id}`).set(...auth()).expect(200);
    expect(read.body.pendingDisclosures).toEqual(['p2', 'p3']);

    const second = await system.http().post(`/v1/cases/${id}/disclosures`).set(...auth()).send({ personRef: 'p2', ...disclosure() }).expect(202);
    expect(second.body.state).toBe('awaiting_disclosures');
    const duplicate = await system.http().post(`/v1/cases/${id}/disclosures`).set(...auth()).send({ personRef: 'p2', ...disclosure() }).expect(409);
    expect(duplicate.body.code).toBe('CASE.DISCLOSURE_ALREADY_FILED');
    const unknown = await system.http().post(`/v1/cases/${id}/disclosures`).set(...auth()).send({ personRef: 'p9', ...disclosure() }).expect(422);
    expect(unknown.body.code).toBe('CASE.INVALID_CONTENT');
    const uncertified = await system.http().post(`/v1/cases/${id}/disclosures`).set(...auth()).send({ personRef: 'p3', ...disclosure(), certified: false }).expect(400);
    expect(uncertified.body.errors[0].field).toBe('certified');

    const last = await system.http().post(`/v1/cases/${id}/disclosures`).set(...auth()).send({ personRef: 'p3', ...disclosure() }).expect(202);
    expect(last.body.state).toBe('screening');

    const timeline = await system.http().get(`/v1/cases/${id}/events`).set(...auth()).expect(200);
    expect(timeline.body.items.map((event: { type: string }) => event.type)).toEqual([
      'CaseSubmitted',
      'DisclosureFiled',
      'DisclosureRequested',
      'DisclosureFiled',
      'DisclosureFiled',
      'DisclosuresCompleted',
      'ScreeningRequested',
    ]);
    expect(timeline.body.items.map((event: { streamVersion: number }) => event.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('amends before a decision: a new case version, disclosures and screening start again', async () => {
    const submitted = await system.http().post('/v1/cases').set(...auth()).send(caseSubmission()).expect(202);
    const id = submitted.body.id as string;
    const amended = await system.http().patch(`/v1/cases/${id}`).set(...auth()).send({ title: 'Amended title', note: 'partner changed' }).expect(202);
    expect(amended.body).toMatchObject({ state: 'awaiting_disclosures', caseVersion: 2 });
    const read = await system.http().get(`/v1/cases/${id}`).set(...auth()).expect(200);
    expect(read.body.title).toBe('Amended title');
    expect(read.body.content.partners).toHaveLength(2);
    expect(read.body.pendingDisclosures).toEqual(['p1', 'p2']);

    const withInline = await system
      .http()
      .patch(`/v1/cases/${id}`)
      .set(...auth())
      .send({ personnel: [{ ref: 'p1', name: 'Researcher 1', role: 'pi', disclosure: disclosure() }] })
      .expect(202);
    expect(withInline.body).toMatchObject({ state: 'screening', caseVersion: 3 });
  });

  it('withdraws from a non-final state, and refuses to act on a withdrawn case', async () => {
    const submitted = await system.http().post('/v1/cases').set(...auth()).send(caseSubmission({ disclosed: 0 })).expect(202);
    const id = submitted.body.id as string;
    const withdrawn = await system.http().post(`/v1/cases/${id}/withdrawal`).set(...auth()).send({ reason: 'partner withdrew' }).expect(202);
    expect(withdrawn.body.state).toBe('withdrawn');
    const again = await system.http().post(`/v1/cases/${id}/withdrawal`).set(...auth()).send({ reason: 'again' }).expect(409);
    expect(again.body.code).toBe('CASE.ILLEGAL_TRANSITION');
    await system.http().patch(`/v1/cases/${id}`).set(...auth()).send({ title: 'x' }).expect(409);
    await system.http().post(`/v1/cases/${id}/disclosures`).set(...auth()).send({ personRef: 'p1', ...disclosure() }).expect(409);
  });

  it('lists with filters and cursor pagination, newest first', async () => {
    const ref = `list-${Date.now()}`;
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const response = await system.http().post('/v1/cases').set(...auth()).send(caseSubmission({ externalRef: `${ref}-${index}`, disclosed: index % 2 })).expect(202);
      ids.push(response.body.id as string);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await system
        .http()
        .get('/v1/cases')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(...auth())
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const mine = seen.filter((id) => ids.includes(id));
    expect(mine).toEqual([...ids].reverse());

    const byRef = await system.http().get('/v1/cases').query({ externalRef: `${ref}-3` }).set(...auth()).expect(200);
    expect(byRef.body.items.map((item: { id: string }) => item.id)).toEqual([ids[3]]);
    const waiting = await system.http().get('/v1/cases').query({ state: 'awaiting_disclosures' }).set(...auth()).expect(200);
    expect(waiting.body.items.every((item: { state: string }) => item.state === 'awaiting_disclosures')).toBe(true);
    expect(waiting.body.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([ids[0], ids[2], ids[4]]));
    const none = await system.http().get('/v1/cases').query({ level: 'high' }).set(...auth()).expect(200);
    expect(none.body.items).toEqual([]);

    const badCursor = await system.http().get('/v1/cases').query({ cursor: 'not-a-cursor' }).set(...auth()).expect(400);
    expect(badCursor.headers['content-type']).toContain('application/problem+json');
    const badState = await system.http().get('/v1/cases').query({ state: 'nonsense', limit: 1000 }).set(...auth()).expect(400);
    expect(badState.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['limit', 'state']);
  });
});
