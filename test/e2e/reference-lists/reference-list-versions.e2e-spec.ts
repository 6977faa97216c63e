import { TestSystem, waitFor } from '../../support/test-system';
import { disclosure } from '../../support/case-fixtures';

const ftm = (entities: Record<string, unknown>[]): string => entities.map((entity) => JSON.stringify(entity)).join('\n') + '\n';
const company = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  schema: 'Company',
  properties: { name: [name], country: ['aq'], topics: ['sanction'], ...extra },
});

describe('reference lists: definition, streamed versions, diff, guards', () => {
  let system: TestSystem;
  let admin: string;
  let rso: string;
  let integrator: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    ({ adminKey: admin } = await system.createTenant('funder', 'Research Council'));
    rso = await system.issueKey(admin, ['rso']);
    integrator = await system.issueKey(admin, ['integrator']);
  });
  afterAll(() => system.stop());

  const define = (listId: string, body: Record<string, unknown>, key = admin) =>
    system.http().put(`/v1/reference-lists/${listId}`).set('Authorization', `Bearer ${key}`).send(body);
  const upload = (listId: string, body: string, type = 'application/x-ndjson', query = '') =>
    system.http().post(`/v1/reference-lists/${listId}/versions${query}`).set('Authorization', `Bearer ${admin}`).set('Content-Type', type).send(body);
  const read = async (listId: string) => (await system.http().get(`/v1/reference-lists/${listId}`).set('Authorization', `Bearer ${rso}`).expect(200)).body;

  it('defines a list; only admins may, and the kind is checked', async () => {
    const defined = await define('eu-sanctions', { kind: 'sanctions', topicSeverity: { sanction: 'S4' }, description: 'EU consolidated list' }).expect(200);
    expect(defined.body).toMatchObject({ listId: 'eu-sanctions', kind: 'sanctions', currentVersion: 0 });
    expect((await define('x', { kind: 'sanctions' }, rso)).status).toBe(403);
    const bad = await define('x', { kind: 'gossip' }).expect(400);
    expect(bad.body.errors[0].field).toBe('kind');
    expect((await define('Bad Id!', { kind: 'sanctions' })).status).toBe(400);
  });

  it('takes FollowTheMoney JSON lines as version 1, skipping schemas that are not organisations or persons', async () => {
    const body = ftm([
      company('c-1', 'Volkov Photonics Holding'),
      company('c-2', 'Greyfield Trading', { alias: ['Greyfield Co'], registrationNumber: ['GT-1'] }),
      { id: 'p-1', schema: 'Person', properties: { name: ['Ivan Example'], topics: ['sanction'] } },
      { id: 'o-1', schema: 'Ownership', properties: { owner: ['c-1'], asset: ['c-2'] } },
    ]);
    const published = await upload('eu-sanctions', body).expect(201);
    expect(published.body).toMatchObject({ listId: 'eu-sanctions', version: 1, entryCount: 3, diff: { added: 3, removed: 0, changed: 0 } });
    const list = await read('eu-sanctions');
    expect(list).toMatchObject({ currentVersion: 1, entryCount: 3, kind: 'sanctions', topicSeverity: { sanction: 'S4' } });
    const [entry] = await system.query<{ entry: Record<string, unknown> }>(`SELECT entry FROM reference_list_entries WHERE entry_id = 'c-2'`);
    expect(entry.entry).toMatchObject({ schema: 'organisation', name: 'Greyfield Trading', aliases: ['Greyfield Co'], country: 'AQ', identifiers: { registration: 'GT-1' } });
  });

  it('counts what a new version adds, removes and changes', async () => {
    const body = ftm([
      company('c-1', 'Volkov Photonics Holding'),
      company('c-2', 'Greyfield Trading Limited', { registrationNumber: ['GT-1'] }),
      company('c-3', 'Redmount State Works'),
    ]);
    const published = await upload('eu-sanctions', body).expect(201);
    expect(published.body).toMatchObject({ version: 2, entryCount: 3, diff: { added: 1, removed: 1, changed: 1 } });
    const list = await read('eu-sanctions');
    expect(list.versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);
  });

  it('reports bad rows with their line numbers and stores nothing', async () => {
    const body = [JSON.stringify(company('d-1', 'Fine Entity')), '{"id": broken', JSON.stringify({ id: 'd-3', schema: 'Company', properties: {} }), JSON.stringify(company('d-1', 'Twice'))].join('\n');
    const refused = await upload('eu-sanctions', body).expect(422);
    expect(refused.body.code).toBe('LIST.BAD_ROWS');
    expect(refused.body.errors).toEqual([
      { field: 'line 2', reason: 'not valid JSON' },
      { field: 'line 3', reason: 'name is missing' },
      { field: 'line 4', reason: 'id "d-1" appears twice' },
    ]);
    expect((await read('eu-sanctions')).currentVersion).toBe(2);
    expect(await system.query(`SELECT 1 FROM reference_list_entries WHERE list_id = 'eu-sanctions' AND version = 3`)).toEqual([]);
  });

  it('refuses a version that shrinks by more than half unless forced', async () => {
    const small = ftm([company('c-1', 'Volkov Photonics Holding')]);
    const guarded = await upload('eu-sanctions', small).expect(422);
    expect(guarded.body).toMatchObject({ code: 'LIST.TRUNCATION_GUARD', errors: [{ field: 'force' }] });
    expect((await read('eu-sanctions')).currentVersion).toBe(2);
    const forced = await upload('eu-sanctions', small, 'application/x-ndjson', '?force=true').expect(201);
    expect(forced.body).toMatchObject({ version: 3, entryCount: 1, diff: { added: 0, removed: 2, changed: 0 } });
  });

  it('takes CSV with the documented columns, and names a bad column', async () => {
    await define('nro', { kind: 'research_security' }).expect(200);
    const csv = 'id,schema,name,aliases,country,topics\nn-1,Organization,Westbrook Polytechnic University,WPU Institute;Westbrook Poly,AQ,defence.1286\nn-2,Organization,"Example Academy of Applied Sciences, North",,AQ,\n';
    const published = await upload('nro', csv, 'text/csv').expect(201);
    expect(published.body).toMatchObject({ version: 1, entryCount: 2 });
    const refused = await upload('nro', 'id,schema,name,colour\nn-9,Organization,X,red\n', 'text/csv').expect(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'line 2', reason: expect.stringContaining('unknown column(s) colour') });
  });

  it('refuses other media types, undefined lists, a bad force value, and other tenants', async () => {
    expect((await upload('eu-sanctions', 'hello', 'text/plain')).status).toBe(415);
    expect((await upload('never-defined', ftm([company('z', 'Z Corp')]))).status).toBe(404);
    expect((await upload('eu-sanctions', ftm([company('z', 'Z Corp')]), 'application/x-ndjson', '?force=yes')).status).toBe(400);
    const other = await system.createTenant('institution', 'Elsewhere');
    await system.http().get('/v1/reference-lists/eu-sanctions').set('Authorization', `Bearer ${other.adminKey}`).expect(404);
    const mine = (await system.http().get('/v1/reference-lists').set('Authorization', `Bearer ${other.adminKey}`).expect(200)).body;
    expect(mine.items).toEqual([]);
  });

  it('streams a 20,000-entity upload', async () => {
    await define('big-watch', { kind: 'watchlist' }).expect(200);
    const body = Array.from({ length: 20_000 }, (_unused, index) => JSON.stringify(company(`w-${index}`, `Synthetic Holding ${index}`))).join('\n');
    const published = await upload('big-watch', body).expect(201);
    expect(published.body.entryCount).toBe(20_000);
  });

  it('is what the next appraisal screens against', async () => {
    const body = {
      kind: 'collaboration',
      title: 'Screened against uploaded lists',
      researchStage: 'applied',
      technologyAreas: ['quantum'],
      partners: [{ name: 'Volkov Photonics Holding', country: 'AQ', type: 'company' }],
      personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: disclosure() }],
    };
    const id = (await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(body).expect(202)).body.id as string;
    const assessment = await waitFor(async () => {
      const response = await system.http().get(`/v1/cases/${id}/assessments/latest`).set('Authorization', `Bearer ${rso}`);
      return response.status === 200 ? response.body : undefined;
      // The first appraisal builds the 20,000-entity index: 2–3 s alone, over 10 s beside other suites.
    }, 'the assessment', 30_000);
    expect(assessment.referenceLists).toEqual(
      expect.arrayContaining([
        { listId: 'eu-sanctions', version: 3 },
        { listId: 'nro', version: 1 },
      ]),
    );
    expect(assessment.findings.find((finding: { rule: string }) => finding.rule === 'RS-L-001')).toMatchObject({
      evidence: { listId: 'eu-sanctions', listVersion: 3, entryId: 'c-1' },
    });
  });
});
