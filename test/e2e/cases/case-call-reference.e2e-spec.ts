import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem } from '../../support/test-system';

/** Issue 23, point 3: a case names an open call of its own tenant, or is refused with 422. */
describe('a case is submitted only under an open call of its tenant', () => {
  let system: TestSystem;
  let admin: string;
  let integrator: string;
  let ownCall: string;
  let otherTenantsCall: string;

  const openCall = async (adminKey: string, title: string): Promise<string> => {
    await system.http().put('/v1/policies/default').set('Authorization', `Bearer ${adminKey}`).send({ responseWindowDays: 14 }).expect(201);
    const call = await system.http().post('/v1/calls').set('Authorization', `Bearer ${adminKey}`).send({ title, policy: { name: 'default' } }).expect(201);
    return call.body.id as string;
  };

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    ({ adminKey: admin } = await system.createTenant('funder', 'Research Council'));
    integrator = await system.issueKey(admin, ['integrator']);
    ownCall = await openCall(admin, 'Quantum 2027');
    const other = await system.createTenant('funder', 'Another Council');
    otherTenantsCall = await openCall(other.adminKey, 'Their call');
  });
  afterAll(() => system.stop());

  const submit = (body: Record<string, unknown>) => system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(body);
  const caseCount = async (): Promise<number> => Number((await system.query<{ n: string }>(`SELECT count(*) AS n FROM cases`))[0].n);

  it.each([
    ['another tenant\'s call', () => otherTenantsCall],
    ['a random uuid', () => '0190f1c2-7d3e-7000-8000-0000000000aa'],
  ])('refuses %s with 422 naming callId, and writes no case', async (_name, callId) => {
    const before = await caseCount();
    const refused = await submit(caseSubmission({ callId: callId() })).expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('CASE.INVALID_CONTENT');
    expect(refused.body.errors).toEqual([{ field: 'callId', reason: expect.stringMatching(/not an open call/) }]);
    expect(await caseCount()).toBe(before);
  });

  it('accepts an open call of the tenant, and refuses amending the case to another tenant\'s call', async () => {
    const accepted = await submit(caseSubmission({ callId: ownCall })).expect(202);
    const id = accepted.body.id as string;
    const refused = await system.http().patch(`/v1/cases/${id}`).set('Authorization', `Bearer ${integrator}`).send({ callId: otherTenantsCall }).expect(422);
    expect(refused.body.errors).toEqual([{ field: 'callId', reason: expect.any(String) }]);
    const read = await system.http().get(`/v1/cases/${id}`).set('Authorization', `Bearer ${integrator}`).expect(200);
    expect(read.body).toMatchObject({ callId: ownCall, caseVersion: 1 });
  });
});
