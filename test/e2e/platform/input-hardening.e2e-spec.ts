import type { Response, Test } from 'supertest';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem } from '../../support/test-system';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; reason: string }[];
}

const NUL = '\u0000';

/** Everything a refused request could have written. */
async function writes(system: TestSystem): Promise<Record<string, number>> {
  const [row] = await system.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM cases) AS cases,
            (SELECT count(*)::int FROM events) AS events,
            (SELECT count(*)::int FROM outbox_messages) AS outbox,
            (SELECT count(*)::int FROM idempotency_records) AS idempotency,
            (SELECT count(*)::int FROM api_keys) AS api_keys,
            (SELECT count(*)::int FROM policy_versions) AS policy_versions,
            (SELECT count(*)::int FROM reference_lists) AS reference_lists`,
  );
  return row;
}

function nested(depth: number, leaf = '1'): string {
  return '['.repeat(depth) + leaf + ']'.repeat(depth);
}

describe('inputs PostgreSQL or the parser cannot take are refused with 400, never 500', () => {
  let system: TestSystem;
  let admin: string;
  let integrator: string;
  let caseId: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    admin = (await system.createTenant()).adminKey;
    integrator = await system.issueKey(admin, ['integrator']);
    caseId = ((await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(caseSubmission()).expect(202)).body as { id: string }).id;
  });
  afterAll(() => system.stop());

  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const routes: { name: string; send: (body: string | object) => Test }[] = [
    { name: 'POST /v1/cases', send: (body) => system.http().post('/v1/cases').set(as(integrator)).type('json').send(body) },
    { name: 'PATCH /v1/cases/{id}', send: (body) => system.http().patch(`/v1/cases/${caseId}`).set(as(integrator)).type('json').send(body) },
    { name: 'PUT /v1/policies/{name}', send: (body) => system.http().put('/v1/policies/fuzz').set(as(admin)).type('json').send(body) },
    { name: 'PUT /v1/reference-lists/{id}', send: (body) => system.http().put('/v1/reference-lists/fuzz').set(as(admin)).type('json').send(body) },
    { name: 'POST /v1/api-keys', send: (body) => system.http().post('/v1/api-keys').set(as(admin)).type('json').send(body) },
  ];

  async function expectRefused(send: () => Test, field: string, reason: RegExp): Promise<Response> {
    const before = await writes(system);
    const response = await send();
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.body as Problem;
    expect(problem.errors).toEqual([expect.objectContaining({ field })]);
    expect(problem.errors?.[0].reason).toMatch(reason);
    expect(await writes(system)).toEqual(before);
    return response;
  }

  describe('U+0000 and lone surrogates', () => {
    it('a NUL in partners[0].name is refused naming the field', async () => {
      const body = caseSubmission();
      (body.partners as Record<string, unknown>[])[0].name = `Acme${NUL}Photonics`;
      await expectRefused(() => routes[0].send(body), 'partners[0].name', /U\+0000/);
    });

    it('an unpaired surrogate (escaped, as JSON allows) is refused naming the field', async () => {
      const text = JSON.stringify(caseSubmission()).replace('"title":"', '"title":"\\ud800');
      await expectRefused(() => routes[0].send(text), 'title', /surrogate/);
    });

    it.each([
      [1, { title: `x${NUL}` }, 'title'],
      [2, { responseWindowDays: 10, notes: { text: `a${NUL}` } }, 'notes.text'],
      [3, { kind: 'sanctions', description: `d${NUL}` }, 'description'],
      [4, { name: `k${NUL}`, roles: ['auditor'] }, 'name'],
    ])('on %s', async (index, body, field) => {
      await expectRefused(() => routes[index].send(body), field, /U\+0000/);
    });

    it('a NUL in a key is refused', async () => {
      await expectRefused(() => routes[4].send('{"name":"k","roles":["auditor"],"x\\u0000":1}'), 'x\u0000', /key/);
    });

    it('GET /v1/cases?externalRef= with a NUL answers 400 naming the parameter', async () => {
      const response = await system.http().get('/v1/cases?externalRef=a%00b').set(as(integrator));
      expect(response.status).toBe(400);
      expect((response.body as Problem).errors).toEqual([expect.objectContaining({ field: 'externalRef' })]);
    });

    it('a NUL in a path segment answers 400', async () => {
      const response = await system.http().put('/v1/policies/a%00b').set(as(admin)).send({ responseWindowDays: 10 });
      expect(response.status).toBe(400);
    });

    it('what PostgreSQL stores is still taken: other control characters, emoji, paired surrogates', async () => {
      const body = caseSubmission();
      body.title = 'Quantum \u0001\u001f sensors 🧪 \ud83d\ude00 \u200b\ufeff';
      await routes[0].send(body).expect(202);
    });
  });

  describe('null where a case needs a value (found by the fuzz test)', () => {
    it.each(['title', 'kind'])('PATCH { %s: null } answers 400 naming the field, nothing written', async (field) => {
      const before = await writes(system);
      const response = await routes[1].send({ [field]: null });
      expect(response.status).toBe(400);
      expect((response.body as Problem).errors?.map((problem) => problem.field)).toContain(field);
      expect(await writes(system)).toEqual(before);
    });
  });

  describe('list uploads (streamed, not parsed as a body)', () => {
    const header = 'id,schema,name,aliases,weak_aliases,former_names,country,registration_number,lei,ror,topics,last_change\n';
    it.each([
      ['application/x-ndjson', JSON.stringify({ id: 'e1', schema: 'Company', properties: { name: [`Acme${NUL} Ltd`], country: ['aq'], topics: ['sanction'] } }) + '\n', 'line 1'],
      ['application/x-ndjson', '{"id":"e2","schema":"Company","properties":{"name":["Acme \\ud800 Ltd"],"topics":["sanction"]}}\n', 'line 1'],
      ['text/csv', `${header}e3,Company,Acme${NUL} Ltd,,,,aq,,,,sanction,\n`, 'line 2'],
    ])('a %s row holding NUL or a lone surrogate is a bad row (422), nothing stored', async (type, upload, place) => {
      await system.http().put('/v1/reference-lists/uploads').set(as(admin)).send({ kind: 'sanctions' }).expect(200);
      const before = await system.query<{ n: number }>('SELECT count(*)::int AS n FROM reference_list_versions');
      const response = await system.http().post('/v1/reference-lists/uploads/versions').set(as(admin)).set('Content-Type', type).send(upload);
      expect(response.status).toBe(422);
      expect((response.body as Problem).errors).toEqual([{ field: place, reason: expect.stringMatching(/U\+0000 or an unpaired/) }]);
      expect(await system.query<{ n: number }>('SELECT count(*)::int AS n FROM reference_list_versions')).toEqual(before);
    });
  });

  describe('nesting deeper than 32 levels', () => {
    it.each([0, 2, 3])('10,000 levels on %s answer 400 before parsing', async (index) => {
      const response = await expectRefused(() => routes[index].send(`{"title":${nested(10_000)}}`), 'title' + '[0]'.repeat(31), /deeper than 32/);
      expect((response.body as Problem).detail).toMatch(/32 levels/);
    });

    it('33 levels are refused, 32 pass the guard (and are judged by the route)', async () => {
      await expectRefused(() => routes[2].send(nested(33)), '[0]'.repeat(32), /deeper than 32/);
      const response = await routes[2].send(`{"a":${nested(31)}}`);
      expect(response.status).toBeLessThan(500);
      expect(JSON.stringify(response.body)).not.toMatch(/deeper than/);
    });

    it('brackets inside strings do not count', async () => {
      const body = caseSubmission();
      body.abstract = '['.repeat(1000) + '{'.repeat(1000);
      await routes[0].send(body).expect(202);
    });
  });

  describe('duplicate keys', () => {
    it('"roles" twice does not make an admin key: 400 naming the key', async () => {
      await expectRefused(() => routes[4].send('{"name":"k","roles":["auditor"],"roles":["admin"]}'), 'roles', /twice/);
    });

    it('a key spelt twice, once with escapes, is a duplicate', async () => {
      await expectRefused(() => routes[4].send('{"name":"k","roles":["auditor"],"\\u0072oles":["admin"]}'), 'roles', /twice/);
    });

    it('nested duplicates are named by their path', async () => {
      const text = JSON.stringify(caseSubmission()).replace('"name":"University of Somewhere"', '"name":"University of Somewhere","name":"Other"');
      await expectRefused(() => routes[0].send(text), 'partners[1].name', /twice/);
    });

    it('the same key in sibling objects is fine', async () => {
      await routes[0].send(caseSubmission()).expect(202);
    });
  });
});

describe('headers', () => {
  let system: TestSystem;
  let integrator: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    const { adminKey } = await system.createTenant();
    integrator = await system.issueKey(adminKey, ['integrator']);
  });
  afterAll(() => system.stop());

  it('every /v1 response, data or problem, carries Cache-Control: no-store', async () => {
    const submitted = await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(caseSubmission()).expect(202);
    expect(submitted.headers['cache-control']).toBe('no-store');
    const id = (submitted.body as { id: string }).id;
    const read = await system.http().get(`/v1/cases/${id}`).set('Authorization', `Bearer ${integrator}`).expect(200);
    expect(read.headers['cache-control']).toBe('no-store');
    const list = await system.http().get('/v1/cases').set('Authorization', `Bearer ${integrator}`).expect(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const unauthenticated = await system.http().get(`/v1/cases/${id}`).expect(401);
    expect(unauthenticated.headers['cache-control']).toBe('no-store');
  });
});

describe('countries', () => {
  let system: TestSystem;
  let integrator: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    const { adminKey } = await system.createTenant();
    integrator = await system.issueKey(adminKey, ['integrator']);
  });
  afterAll(() => system.stop());

  it('a partner and an affiliation in Kosovo (XK) are taken', async () => {
    const body = caseSubmission();
    (body.partners as Record<string, unknown>[])[0].country = 'XK';
    const personnel = body.personnel as { disclosure: { affiliations: { organisation: { country: string } }[] } }[];
    personnel[0].disclosure.affiliations[0].organisation.country = 'XK';
    await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(body).expect(202);
  });

  it('a code that is not ISO 3166-1 nor XK is still refused', async () => {
    const body = caseSubmission();
    (body.partners as Record<string, unknown>[])[0].country = 'QQ';
    const response = await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(body).expect(400);
    expect((response.body as Problem).errors).toEqual([expect.objectContaining({ field: 'partners[0].country', reason: expect.stringMatching(/XK/) })]);
  });

});
