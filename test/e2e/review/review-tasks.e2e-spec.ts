import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

// List-hit adjudication as a review task: a sanctions candidate shows on the case's task list, a
// favourable decision waits for it, and once it is adjudicated the re-screened case can proceed.

interface ReviewTask {
  kind: string;
  roles: string[];
  ref: string | null;
  blocksDecision: boolean;
  summary: string;
  hit?: { hitId: string; listId: string; entryId: string; matchedName: string; rules: string[]; status: string };
}
interface ReviewTasks {
  caseId: string;
  state: string;
  version: number;
  decisionBlocked: boolean;
  items: ReviewTask[];
}

const SANCTIONS = [
  { id: 'san-1', schema: 'Company', properties: { name: ['Sample Photonics Ltd'], country: ['bv'], topics: ['sanction'] } },
  { id: 'san-2', schema: 'Company', properties: { name: ['Northwind Optics GmbH'], country: ['bv'], topics: ['sanction'] } },
];

function proposal(partners: string[]): Record<string, unknown> {
  return {
    kind: 'collaboration',
    title: 'Optics with partners',
    researchStage: 'fundamental',
    technologyAreas: ['none'],
    publicationIntent: 'open',
    partners: partners.map((name) => ({ name, country: 'NL', type: 'company', dueDiligence: { identityVerified: 'yes' } })),
    personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: { ...disclosure(), supportSources: [] } }],
  };
}

describe('review tasks: list hits to adjudicate before a case may proceed', () => {
  let system: TestSystem;
  let admin: string;
  let integrator: string;
  let applicant: string;
  let rso: string;
  let approver: string;

  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const tasksOf = (id: string, key = rso) => system.http().get(`/v1/cases/${id}/review-tasks`).set(as(key));
  const stateOf = async (id: string) => (await system.http().get(`/v1/cases/${id}`).set(as(rso)).expect(200)).body.state as string;
  const submit = async (partners: string[]): Promise<string> => {
    const id = (await system.http().post('/v1/cases').set(as(integrator)).send(proposal(partners)).expect(202)).body.id as string;
    await waitFor(async () => (await stateOf(id)) === 'in_review', `case ${id} to reach review`);
    return id;
  };
  const decide = (id: string, outcome = 'proceed') =>
    system.http().post(`/v1/cases/${id}/decision`).set(as(approver)).send({ outcome, reasonCodes: outcome === 'proceed' ? [] : ['RS-L-001'], rationale: 'Reviewed.' });

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    ({ adminKey: admin } = await system.createTenant('funder', 'Research Council'));
    integrator = await system.issueKey(admin, ['integrator']);
    applicant = await system.issueKey(admin, ['applicant']);
    rso = await system.issueKey(admin, ['rso']);
    approver = await system.issueKey(admin, ['approver']);
    await system.http().put('/v1/reference-lists/sanctions').set(as(admin)).send({ kind: 'sanctions' }).expect(200);
    await system
      .http()
      .post('/v1/reference-lists/sanctions/versions')
      .set(as(admin))
      .set('Content-Type', 'application/x-ndjson')
      .send(SANCTIONS.map((entity) => JSON.stringify(entity)).join('\n'))
      .expect(201);
  });
  afterAll(() => system.stop());

  it('shows each candidate as a task, refuses proceed until both are adjudicated, then the case clears', async () => {
    const id = await submit(['Sample Photonics Ltd', 'Northwind Optics GmbH']);
    const before = (await tasksOf(id).expect(200)).body as ReviewTasks;
    const hits = before.items.filter((task) => task.kind === 'adjudicate_list_hit');
    expect(hits.map((task) => task.hit?.entryId).sort()).toEqual(['san-1', 'san-2']);
    for (const task of hits) {
      expect(task).toMatchObject({ roles: ['rso'], blocksDecision: true, hit: { listId: 'sanctions', status: 'pending' } });
      expect(task.hit?.rules).toContain('RS-L-001');
      expect(task.ref).toBe(task.hit?.hitId);
    }
    expect(before.decisionBlocked).toBe(true);
    expect(before.items.at(-1)?.kind).toBe('propose_decision');

    // The hits are in the ScreeningCompleted event by id only, for integrators.
    const events = (await system.http().get(`/v1/cases/${id}/events`).set(as(rso)).expect(200)).body.items as { type: string; data: Record<string, unknown> }[];
    const completed = events.filter((event) => event.type === 'ScreeningCompleted').at(-1);
    expect((completed?.data.pendingListHits as string[]).sort()).toEqual(hits.map((task) => task.ref).sort());

    const refused = await decide(id).expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('DECISION.LIST_HITS_PENDING');

    // One confirmed, one false positive: each adjudication screens the case again.
    const [first, second] = hits;
    await system.http().post(`/v1/cases/${id}/list-hits/${first.ref}/adjudication`).set(as(rso)).send({ decision: 'false_positive', reason: 'Another company: different registry.' }).expect(202);
    await waitFor(async () => (await stateOf(id)) === 'in_review', 'the case back in review');
    const middle = (await tasksOf(id).expect(200)).body as ReviewTasks;
    const left = middle.items.filter((task) => task.kind === 'adjudicate_list_hit');
    expect(left.map((task) => task.hit?.entryId)).toEqual([second.hit?.entryId]);
    // The re-screen gave the remaining hit a new finding id; the task names it.
    await system.http().post(`/v1/cases/${id}/list-hits/${left[0].ref}/adjudication`).set(as(rso)).send({ decision: 'false_positive', reason: 'Another company too.' }).expect(202);
    await waitFor(async () => (await stateOf(id)) !== 'screening', 'the case to leave screening');

    const after = (await tasksOf(id).expect(200)).body as ReviewTasks;
    expect(after.items.filter((task) => task.kind === 'adjudicate_list_hit')).toEqual([]);
    // Both hits were false positives and nothing else stands out: the fast lane (RS-F-006) clears
    // the case with a system decision `proceed`, which the pending hits had held back.
    expect(after).toMatchObject({ state: 'cleared', decisionBlocked: false, items: [] });
    const decided = (await system.http().get(`/v1/cases/${id}/events`).set(as(rso)).expect(200)).body.items as { type: string; data: Record<string, unknown> }[];
    expect(decided.filter((event) => event.type === 'DecisionRecorded').map((event) => event.data.outcome)).toEqual(['proceed']);
  });

  it('a confirmed sanctions hit leaves no task and blocks the case: only an adverse decision is possible', async () => {
    const id = await submit(['Sample Photonics Ltd']);
    const [task] = ((await tasksOf(id).expect(200)).body as ReviewTasks).items.filter((item) => item.kind === 'adjudicate_list_hit');
    await system.http().post(`/v1/cases/${id}/list-hits/${task.ref}/adjudication`).set(as(rso)).send({ decision: 'confirmed', reason: 'Same registry number.' }).expect(202);
    await waitFor(async () => (await stateOf(id)) === 'in_review', 'the case back in review');
    const after = (await tasksOf(id).expect(200)).body as ReviewTasks;
    expect(after.items.map((item) => item.kind)).not.toContain('adjudicate_list_hit');
    expect((await decide(id).expect(422)).body.code).toBe('DECISION.BLOCKED');
    await decide(id, 'declined').expect(200);
    const proposed = (await tasksOf(id).expect(200)).body as ReviewTasks;
    expect(proposed.items.map((item) => item.kind)).toEqual(['approve_decision']);
  });

  it('is read by the research office, approvers and auditors of the tenant only', async () => {
    const id = await submit(['Sample Photonics Ltd']);
    expect((await tasksOf(id, applicant)).status).toBe(403);
    const auditor = await system.issueKey(admin, ['auditor']);
    await tasksOf(id, auditor).expect(200);
    await tasksOf(id, approver).expect(200);
    const other = await system.createTenant('institution', 'Elsewhere University');
    const stranger = await system.issueKey(other.adminKey, ['rso']);
    const notFound = await tasksOf(id, stranger).expect(404);
    expect(notFound.headers['content-type']).toContain('application/problem+json');
    const badId = await tasksOf('not-a-uuid').expect(400);
    expect(badId.body.errors[0].field).toBe('id');
    await tasksOf('0190a000-0000-7000-8000-000000000000').expect(404);
  });

  it('the work queue lists every case with tasks left, oldest first, filtered and paged', async () => {
    const older = await submit(['Northwind Optics GmbH']);
    const newer = await submit(['Sample Photonics Ltd']);
    interface QueueItem { caseId: string; createdAt: string; tasks: ReviewTask[] }
    const queue = (query: Record<string, string | number>, key = rso) => system.http().get('/v1/review-tasks').query(query).set(as(key));

    // Page by one through the list hits: every case with a hit left, each once, oldest first.
    const seen: QueueItem[] = [];
    let cursor: string | null = null;
    do {
      const page = (await queue({ kind: 'adjudicate_list_hit', limit: 1, ...(cursor ? { cursor } : {}) }).expect(200)).body as { items: QueueItem[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const ids = seen.map((item) => item.caseId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([older, newer]));
    expect(ids.indexOf(older)).toBeLessThan(ids.indexOf(newer));
    expect(seen.map((item) => item.createdAt)).toEqual([...seen.map((item) => item.createdAt)].sort());
    for (const item of seen) expect(item.tasks.every((task) => task.kind === 'adjudicate_list_hit')).toBe(true);

    // By role: an approver's queue holds the decisions to propose or approve, no list hit.
    const approvers = (await queue({ role: 'approver', limit: 100 }).expect(200)).body.items as QueueItem[];
    expect(approvers.length).toBeGreaterThan(0);
    for (const item of approvers) expect(item.tasks.every((task) => task.roles.includes('approver'))).toBe(true);
    expect(approvers.flatMap((item) => item.tasks.map((task) => task.kind))).toContain('approve_decision');

    // Another tenant's queue is its own; the applicant does not read it; bad filters name the field.
    const other = await system.createTenant('institution', 'Queue University');
    const stranger = await system.issueKey(other.adminKey, ['rso']);
    expect((await queue({}, stranger).expect(200)).body).toEqual({ items: [], nextCursor: null });
    expect((await queue({}, applicant)).status).toBe(403);
    for (const [query, field] of [[{ kind: 'coffee' }, 'kind'], [{ role: 'boss' }, 'role'], [{ overdue: 'maybe' }, 'overdue'], [{ limit: 0 }, 'limit'], [{ cursor: 'nope' }, 'cursor'], [{ colour: 'red' }, 'colour']] as const) {
      const refused = await queue(query as Record<string, string | number>);
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });
});
