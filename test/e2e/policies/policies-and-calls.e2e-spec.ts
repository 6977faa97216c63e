import { TestSystem } from '../../support/test-system';

describe('policies as versioned data, and calls bound to a version', () => {
  let system: TestSystem;
  let admin: string;
  let rso: string;
  let integrator: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    ({ adminKey: admin } = await system.createTenant('funder', 'Research Council'));
    rso = await system.issueKey(admin, ['rso']);
    integrator = await system.issueKey(admin, ['integrator']);
  });
  afterAll(() => system.stop());

  const put = (name: string, document: unknown, key = admin) =>
    system.http().put(`/v1/policies/${name}`).set('Authorization', `Bearer ${key}`).send(document as object);

  it('stores each accepted document as the next immutable version and shows the history', async () => {
    const first = await put('horizon', { packs: ['CA-STRAC'], responseWindowDays: 14 }).expect(201);
    expect(first.body).toMatchObject({ name: 'horizon', version: 1 });
    const second = await put('horizon', { responseWindowDays: 21, slaDays: { ethics_committee: 15 } }).expect(201);
    expect(second.body.version).toBe(2);

    const read = await system.http().get('/v1/policies/horizon').set('Authorization', `Bearer ${rso}`).expect(200);
    expect(read.body).toMatchObject({ name: 'horizon', currentVersion: 2, current: { version: 2, document: { responseWindowDays: 21 } } });
    expect(read.body.current.effective.responseWindowDays).toBe(21);
    expect(read.body.history.map((entry: { version: number }) => entry.version)).toEqual([2, 1]);
  });

  it('refuses a policy that reads a person\'s nationality, naming the part and the reason; nothing is stored', async () => {
    const refused = await put('bad', { rules: { 'RS-D-001': { enabled: true } }, nationality: { weight: 2 } }).expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('POLICY.INVALID');
    expect(refused.body.errors.some((error: { field: string; reason: string }) => /nationality/i.test(error.field + error.reason))).toBe(true);
    await system.http().get('/v1/policies/bad').set('Authorization', `Bearer ${rso}`).expect(404);
  });

  it('publishes the JSON Schema documents are checked against, and refuses what it does not allow', async () => {
    const schema = await system.http().get('/v1/policy-schema').set('Authorization', `Bearer ${integrator}`).expect(200);
    expect(schema.body).toMatchObject({ $id: 'urn:ajar:schema:policy-document:v1', type: 'object', additionalProperties: false });
    expect(Object.keys(schema.body.properties)).toEqual(expect.arrayContaining(['packs', 'rules', 'matrix', 'routing', 'responseWindowDays', 'slaDays']));
    const refused = await put('typed', { description: 42 }).expect(422);
    expect(refused.body.errors).toEqual([{ field: '/description', reason: 'must be string' }]);
  });

  it('refuses a policy that lets country context alone raise a case above medium', async () => {
    const refused = await put('country-heavy', { countryContext: { cap: 'high', jurisdictions: [] } }).expect(422);
    expect(refused.body.errors.some((error: { field: string }) => error.field.startsWith('/countryContext'))).toBe(true);
  });

  it('refuses disabling a guardrail (F) rule', async () => {
    const refused = await put('no-guardrail', { rules: { 'RS-F-001': { enabled: false } } }).expect(422);
    expect(refused.body.errors[0].field).toContain('RS-F-001');
  });

  it('refuses a bad policy name and a non-object body', async () => {
    const name = await put('Bad Name!', {}).expect(400);
    expect(name.body.errors).toEqual([{ field: 'name', reason: expect.any(String) }]);
    const array = await system.http().put('/v1/policies/ok').set('Authorization', `Bearer ${admin}`).send([1, 2]).expect(400);
    expect(array.body.errors[0].field).toBe('/');
  });

  it('lets only admins publish', async () => {
    const refused = await put('horizon', {}, rso).expect(403);
    expect(refused.body.code).toBe('AUTH.ROLE_REQUIRED');
  });

  it('binds a call to the current or a named version, and refuses an unknown one', async () => {
    const current = await system
      .http()
      .post('/v1/calls')
      .set('Authorization', `Bearer ${admin}`)
      .send({ title: 'Quantum 2027', policy: { name: 'horizon' } })
      .expect(201);
    expect(current.body.policy).toEqual({ name: 'horizon', version: 2 });
    const pinned = await system
      .http()
      .post('/v1/calls')
      .set('Authorization', `Bearer ${admin}`)
      .send({ title: 'Quantum 2026', policy: { name: 'horizon', version: 1 } })
      .expect(201);
    expect(pinned.body.policy).toEqual({ name: 'horizon', version: 1 });
    const read = await system.http().get(`/v1/calls/${pinned.body.id}`).set('Authorization', `Bearer ${integrator}`).expect(200);
    expect(read.body).toEqual(pinned.body);

    // A new policy version does not move an open call.
    await put('horizon', { responseWindowDays: 30 }).expect(201);
    const still = await system.http().get(`/v1/calls/${current.body.id}`).set('Authorization', `Bearer ${integrator}`).expect(200);
    expect(still.body.policy.version).toBe(2);

    const unknown = await system
      .http()
      .post('/v1/calls')
      .set('Authorization', `Bearer ${admin}`)
      .send({ title: 'X', policy: { name: 'horizon', version: 9 } })
      .expect(422);
    expect(unknown.body.errors).toEqual([{ field: 'policy.version', reason: 'no such policy version' }]);
  });

  it('keeps policies and calls within the tenant', async () => {
    const other = await system.createTenant('funder', 'Other Council');
    await system.http().get('/v1/policies/horizon').set('Authorization', `Bearer ${other.adminKey}`).expect(404);
    const call = await system.http().post('/v1/calls').set('Authorization', `Bearer ${admin}`).send({ title: 'Mine', policy: { name: 'horizon' } }).expect(201);
    await system.http().get(`/v1/calls/${call.body.id}`).set('Authorization', `Bearer ${other.adminKey}`).expect(404);
  });
});
