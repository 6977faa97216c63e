import { TestSystem } from '../../support/test-system';

/** Issue 23, point 3: a list's topic severities are S0…S4, and its topics are bounded. */
describe('PUT /v1/reference-lists/{id} checks topicSeverity', () => {
  let system: TestSystem;
  let admin: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    ({ adminKey: admin } = await system.createTenant('funder', 'Research Council'));
  });
  afterAll(() => system.stop());

  const define = (listId: string, body: Record<string, unknown>) =>
    system.http().put(`/v1/reference-lists/${listId}`).set('Authorization', `Bearer ${admin}`).send(body);
  const stored = async (listId: string): Promise<number> =>
    (await system.query(`SELECT 1 FROM reference_lists WHERE list_id = $1`, [listId])).length;

  it.each([
    ['S9', 'S9'],
    ['a lower-case severity', 's4'],
    ['a number', 4],
    ['null', null],
  ])('refuses %s with 400 naming topicSeverity.<topic>, and stores nothing', async (_name, severity) => {
    const refused = await define('bad-severity', { kind: 'sanctions', topicSeverity: { sanction: 'S4', poi: severity } }).expect(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(refused.body.errors).toEqual([{ field: 'topicSeverity.poi', reason: 'must be one of S0, S1, S2, S3, S4' }]);
    expect(await stored('bad-severity')).toBe(0);
  });

  it('refuses more than 100 topics, and a topic name longer than 100 characters or empty', async () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_unused, index) => [`topic-${index}`, 'S1']));
    const tooMany = await define('many', { kind: 'sanctions', topicSeverity: many }).expect(400);
    expect(tooMany.body.errors).toEqual([{ field: 'topicSeverity', reason: 'must have at most 100 topics (has 101)' }]);
    const long = await define('long', { kind: 'sanctions', topicSeverity: { ['t'.repeat(101)]: 'S1' } }).expect(400);
    expect(long.body.errors[0]).toEqual({ field: `topicSeverity.${'t'.repeat(100)}…`, reason: 'a topic must be 1 to 100 characters' });
    const empty = await define('empty', { kind: 'sanctions', topicSeverity: { '': 'S1' } }).expect(400);
    expect(empty.body.errors[0].field).toBe('topicSeverity.');
    expect(await stored('many')).toBe(0);
  });

  it('takes S0 to S4 for up to 100 topics of up to 100 characters', async () => {
    const hundred = Object.fromEntries(Array.from({ length: 100 }, (_unused, index) => [`${'t'.repeat(96)}${String(index).padStart(4, '0')}`, `S${index % 5}`]));
    const defined = await define('ok', { kind: 'sanctions', topicSeverity: hundred }).expect(200);
    expect(Object.keys(defined.body.topicSeverity)).toHaveLength(100);
  });
});
