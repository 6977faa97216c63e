import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { caseSubmission, disclosure } from '../../support/case-fixtures';
import { TestSystem } from '../../support/test-system';

describe('inbound webhooks from grant systems: signed, deduplicated, mapped to the REST commands', () => {
  let system: TestSystem;
  let adminKey: string;
  let integrationId: string;
  let secret: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    ({ adminKey } = await system.createTenant('funder', 'Research Council'));
    const created = await system.http().post('/v1/integrations').set('Authorization', `Bearer ${adminKey}`).send({ name: 'Grant management system' }).expect(201);
    integrationId = created.body.id as string;
    secret = created.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(created.body.inboundPath).toBe(`/v1/inbound/${integrationId}`);
  });
  afterAll(async () => {
    await system.stop();
  });

  interface Delivery {
    id?: string;
    at?: Date;
    body?: string;
    signWith?: string;
    signature?: string;
    to?: string;
  }

  /** Posts a message signed as the grant system would, over exactly the bytes sent. */
  const push = (message: unknown, options: Delivery = {}) => {
    const id = options.id ?? `msg_${randomUUID()}`;
    const at = options.at ?? new Date();
    const body = options.body ?? JSON.stringify(message);
    const signature = options.signature ?? new Webhook(options.signWith ?? secret).sign(id, at, body);
    return system
      .http()
      .post(`/v1/inbound/${options.to ?? integrationId}`)
      .set('Content-Type', 'application/json')
      .set('webhook-id', id)
      .set('webhook-timestamp', String(Math.floor(at.getTime() / 1000)))
      .set('webhook-signature', signature)
      .send(body);
  };

  const caseCount = async (): Promise<number> => Number((await system.query<{ count: string }>(`SELECT count(*) FROM cases`))[0].count);

  it('submits a case from a signed message, as POST /v1/cases would, with the integration as actor', async () => {
    const response = await push({ type: 'case.submit.v1', timestamp: new Date().toISOString(), data: caseSubmission({ externalRef: 'GMS-1' }) }).expect(202);
    expect(response.body).toEqual({ id: expect.any(String), state: 'screening', caseVersion: 1, version: expect.any(Number) });
    const read = await system.http().get(`/v1/cases/${response.body.id}`).set('Authorization', `Bearer ${adminKey}`).expect(200);
    expect(read.body).toMatchObject({ externalRef: 'GMS-1', state: 'screening' });
    const [event] = await system.query<{ metadata: { actor: { kind: string; id: string } } }>(
      `SELECT metadata FROM events WHERE stream_id = $1 AND type = 'CaseSubmitted'`,
      [response.body.id],
    );
    expect(event.metadata.actor).toMatchObject({ kind: 'integration', id: integrationId });
  });

  it('answers a redelivery of the same webhook-id with the first answer and creates nothing more', async () => {
    const id = `msg_${randomUUID()}`;
    const message = { type: 'case.submit.v1', data: caseSubmission() };
    const first = await push(message, { id }).expect(202);
    const before = await caseCount();
    // A later delivery of the same message (new timestamp, new signature, same id).
    const again = await push(message, { id, at: new Date(Date.now() + 1000) }).expect(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await caseCount()).toBe(before);
  });

  it('handles concurrent deliveries of one message once: one case, the others wait or replay', async () => {
    const id = `msg_${randomUUID()}`;
    const body = JSON.stringify({ type: 'case.submit.v1', data: caseSubmission() });
    const before = await caseCount();
    const answers = await Promise.all(Array.from({ length: 6 }, () => push(undefined, { id, body })));
    for (const answer of answers) expect([202, 409]).toContain(answer.status);
    expect(answers.filter((answer) => answer.status === 202 && answer.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    const busy = answers.find((answer) => answer.status === 409);
    if (busy) expect(busy.headers['retry-after']).toBe('1');
    expect(await caseCount()).toBe(before + 1);
    const settled = await push(undefined, { id, body }).expect(202);
    expect(settled.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses a bad signature, a stale or future timestamp and missing headers with 401, logging nothing', async () => {
    const message = { type: 'case.submit.v1', data: caseSubmission() };
    const before = await caseCount();
    const forged = await push(message, { signWith: `whsec_${Buffer.from('not the secret, not the secret!!').toString('base64')}` }).expect(401);
    expect(forged.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(forged.body).toMatchObject({ code: 'INBOUND.BAD_SIGNATURE', errors: [{ field: 'webhook-signature' }] });
    const stale = await push(message, { at: new Date(Date.now() - 6 * 60_000) }).expect(401);
    expect(stale.body).toMatchObject({ code: 'INBOUND.STALE_TIMESTAMP', errors: [{ field: 'webhook-timestamp' }] });
    const future = await push(message, { at: new Date(Date.now() + 6 * 60_000) }).expect(401);
    expect(future.body.code).toBe('INBOUND.STALE_TIMESTAMP');
    // Signed over other bytes than those sent (a re-serialising proxy): refused.
    const body = JSON.stringify(message);
    const id = `msg_${randomUUID()}`;
    const signature = new Webhook(secret).sign(id, new Date(), body);
    const altered = await push(undefined, { id, signature, body: JSON.stringify(message, null, 2) }).expect(401);
    expect(altered.body.code).toBe('INBOUND.BAD_SIGNATURE');
    const bare = await system.http().post(`/v1/inbound/${integrationId}`).set('Content-Type', 'application/json').send(body).expect(401);
    expect(bare.body.code).toBe('INBOUND.SIGNATURE_MISSING');
    expect(await caseCount()).toBe(before);
    const logged = await system.query(`SELECT 1 FROM inbound_messages WHERE webhook_id = $1`, [id]);
    expect(logged).toHaveLength(0);
  });

  it('verifies over the exact bytes received, whatever their layout', async () => {
    const body = `{\n  "data": ${JSON.stringify(caseSubmission())},\n  "type": "case.submit.v1"\n}`;
    await push(undefined, { body }).expect(202);
  });

  it('validates data as the REST route does, naming fields under data., and answers a redelivery the same', async () => {
    const submission = caseSubmission();
    (submission.personnel as Record<string, unknown>[])[0].nationality = 'XX';
    const id = `msg_${randomUUID()}`;
    const refused = await push({ type: 'case.submit.v1', data: submission }, { id }).expect(422);
    expect(refused.body).toMatchObject({ code: 'REQUEST.PERSONAL_ORIGIN_REFUSED', errors: [{ field: 'data.personnel[0].nationality' }] });
    const again = await push({ type: 'case.submit.v1', data: submission }, { id }).expect(422);
    expect(again.body.errors).toEqual(refused.body.errors);
    expect(again.headers['idempotent-replayed']).toBe('true');

    const unknownField = await push({ type: 'case.submit.v1', data: { ...caseSubmission(), colour: 'blue' } }).expect(400);
    expect(unknownField.body.errors).toEqual([{ field: 'data.colour', reason: 'is not a known field of this request' }]);
    const unknownType = await push({ type: 'case.delete.v1', data: {} }).expect(400);
    expect(unknownType.body.errors[0].field).toBe('type');
    const extra = await push({ type: 'case.submit.v1', data: caseSubmission(), tenantId: randomUUID() }).expect(400);
    expect(extra.body.errors[0].field).toBe('tenantId');
    const noCase = await push({ type: 'case.withdraw.v1', data: { reason: 'x' } }).expect(400);
    expect(noCase.body.errors[0].field).toBe('data.caseId');
    const notObject = await push({ type: 'case.submit.v1', data: [1, 2] }).expect(400);
    expect(notObject.body.errors[0].field).toBe('data');
  });

  it('maps disclosure and withdrawal to their commands, within the integration tenant only', async () => {
    const submitted = await push({ type: 'case.submit.v1', data: caseSubmission({ people: 2, disclosed: 1 }) }).expect(202);
    expect(submitted.body.state).toBe('awaiting_disclosures');
    const caseId = submitted.body.id as string;
    const disclosed = await push({ type: 'case.disclosure.v1', data: { caseId, personRef: 'p2', ...disclosure() } }).expect(202);
    expect(disclosed.body.state).toBe('screening');
    const withdrawn = await push({ type: 'case.withdraw.v1', data: { caseId, reason: 'Applicant withdrew in the grant system' } }).expect(202);
    expect(withdrawn.body.state).toBe('withdrawn');
    const conflict = await push({ type: 'case.withdraw.v1', data: { caseId, reason: 'again' } });
    expect(conflict.status).toBeGreaterThanOrEqual(400);
    expect(conflict.status).toBeLessThan(500);

    // Another tenant's integration cannot reach this case.
    const other = await system.createTenant('institution', 'Other University');
    const theirs = await system.http().post('/v1/integrations').set('Authorization', `Bearer ${other.adminKey}`).send({ name: 'CRIS' }).expect(201);
    const foreign = await push(
      { type: 'case.amend.v1', data: { caseId, title: 'Taken over' } },
      { to: theirs.body.id as string, signWith: theirs.body.secret as string },
    ).expect(404);
    expect(foreign.body.code).toBe('CASE.NOT_FOUND');
    // And this integration's secret does not open the other one.
    await push({ type: 'case.submit.v1', data: caseSubmission() }, { to: theirs.body.id as string }).expect(401);
  });

  it('refuses, signed or not, a message nested 10,000 levels deep, holding NUL or a duplicate key: 400, nothing written', async () => {
    const before = await caseCount();
    const submission = JSON.stringify(caseSubmission({ externalRef: 'GMS-BAD' }));
    const bodies = [
      `{"type":"case.submit.v1","timestamp":"${new Date().toISOString()}","data":${submission.replace('"title":', `"deep":${'['.repeat(10_000)}${']'.repeat(10_000)},"title":`)}}`,
      `{"type":"case.submit.v1","timestamp":"${new Date().toISOString()}","data":${submission.replace('"title":"', '"title":"\\u0000')}}`,
      `{"type":"case.submit.v1","type":"case.withdraw.v1","timestamp":"${new Date().toISOString()}","data":${submission}}`,
    ];
    for (const body of bodies) {
      const response = await push(undefined, { body });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await caseCount()).toBe(before);
  });

  it('answers an unknown integration id exactly as another tenant\'s integration or a bad signature, and 400 for a malformed id', async () => {
    const other = await system.createTenant('institution', 'Fourth University');
    const theirs = String((await system.http().post('/v1/integrations').set('Authorization', `Bearer ${other.adminKey}`).send({ name: 'CRIS' }).expect(201)).body.id);
    const before = await caseCount();
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    const body = JSON.stringify({ type: 'case.submit.v1', data: caseSubmission() });
    const signature = new Webhook(secret).sign(id, at, body);
    // The same bytes and headers, signed with this integration's secret, to an unknown id and to theirs.
    const answers = [];
    for (const to of [randomUUID(), theirs]) {
      const response = await push(undefined, { to, id, at, body, signature });
      const { correlationId, instance, ...rest } = response.body as Record<string, unknown>;
      expect(correlationId).toEqual(expect.any(String));
      expect(instance).toBe(`/v1/inbound/${to}`);
      answers.push({ status: response.status, type: response.headers['content-type'], authenticate: response.headers['www-authenticate'], body: rest });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ status: 401, authenticate: 'Standard-Webhooks', body: { code: 'INBOUND.BAD_SIGNATURE' } });
    // Unsigned and stale messages, too, are answered alike whether the id exists or not.
    for (const delivery of [{ signature: '' }, { at: new Date(Date.now() - 6 * 60_000) }]) {
      const [unknown, existing] = await Promise.all([randomUUID(), theirs].map((to) => push({ type: 'case.submit.v1', data: caseSubmission() }, { to, ...delivery })));
      expect(unknown.status).toBe(401);
      expect([unknown.status, unknown.body.code, unknown.body.errors]).toEqual([existing.status, existing.body.code, existing.body.errors]);
    }
    expect(await caseCount()).toBe(before);
    const malformed = await push({ type: 'case.submit.v1', data: caseSubmission() }, { to: 'not-a-uuid' }).expect(400);
    expect(malformed.body.errors).toEqual([{ field: 'integrationId', reason: 'must be a UUID' }]);
  });

  it('shows what arrived and what became of it in the inbound log, to its tenant only', async () => {
    const log = await system.http().get(`/v1/integrations/${integrationId}/inbound-log`).set('Authorization', `Bearer ${adminKey}`).expect(200);
    const entries = log.body.items as { type: string; status: number; outcome: string; caseId: string | null; webhookId: string }[];
    expect(entries.length).toBeGreaterThan(5);
    expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'case.submit.v1', status: 202, outcome: 'accepted', caseId: expect.any(String) })]));
    expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'case.submit.v1', status: 422, outcome: 'refused', caseId: null })]));
    const page = await system.http().get(`/v1/integrations/${integrationId}/inbound-log`).query({ limit: 2 }).set('Authorization', `Bearer ${adminKey}`).expect(200);
    expect(page.body.items).toHaveLength(2);
    const next = await system.http().get(`/v1/integrations/${integrationId}/inbound-log`).query({ limit: 2, cursor: page.body.nextCursor }).set('Authorization', `Bearer ${adminKey}`).expect(200);
    expect(next.body.items[0].id < page.body.items[1].id).toBe(true);
    const integrator = await system.issueKey(adminKey, ['integrator']);
    await system.http().get(`/v1/integrations/${integrationId}/inbound-log`).set('Authorization', `Bearer ${integrator}`).expect(200);
    await system.http().post('/v1/integrations').set('Authorization', `Bearer ${integrator}`).send({ name: 'x' }).expect(403);
    const other = await system.createTenant('institution', 'Third University');
    await system.http().get(`/v1/integrations/${integrationId}/inbound-log`).set('Authorization', `Bearer ${other.adminKey}`).expect(404);
    const listed = await system.http().get('/v1/integrations').set('Authorization', `Bearer ${adminKey}`).expect(200);
    expect(JSON.stringify(listed.body)).not.toMatch(/whsec_/);
  });
});
