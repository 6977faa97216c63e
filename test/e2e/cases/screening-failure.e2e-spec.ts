import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';
import { WebhookReceiver } from '../../support/webhook-receiver';

// Two attempts 50 ms apart: a screening job fails for good within a second (no sleeps).
process.env.AJAR_JOB_ATTEMPTS = '2';
process.env.AJAR_JOB_BACKOFF_MS = '50';
process.env.AJAR_EGRESS_ALLOW = '127.0.0.1';
process.env.AJAR_WEBHOOK_RETRY_SCHEDULE = '40ms,40ms,40ms';

interface Mail {
  to: string[];
  subject: string;
}

interface CaseBody {
  id: string;
  state: string;
  caseVersion: number;
  version: number;
  workflow: { screeningFailure: { caseVersion: number; code: string; message: string; attempts: number; failedAt: string } | null };
}

function fastLaneCase(partner: string): Record<string, unknown> {
  return {
    kind: 'collaboration',
    title: `Open project with ${partner}`,
    researchStage: 'fundamental',
    technologyAreas: ['none'],
    publicationIntent: 'open',
    partners: [{ name: partner, country: 'NL', type: 'company', identifiers: { registration: `REG-${partner.length}` }, dueDiligence: { identityVerified: 'yes' } }],
    personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: { ...disclosure(), supportSources: [] } }],
  };
}

const ftm = (entities: { id: string; name: string }[]): string =>
  entities.map((entity) => JSON.stringify({ id: entity.id, schema: 'Company', properties: { name: [entity.name], country: ['nl'], topics: ['sanction'] } })).join('\n');

const SCREENED = ['cleared', 'in_review'];

describe('a screening that fails for good is visible and recoverable', () => {
  const mails: Mail[] = [];
  let smtp: SMTPServer;
  let receiver: WebhookReceiver;
  let system: TestSystem;
  let tenantId: string;
  const keys = {} as Record<'admin' | 'opsAdmin' | 'rso' | 'integrator' | 'applicant' | 'otherIntegrator' | 'otherRso', string>;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const subject = /^Subject: (.*)$/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1]?.trim() ?? '';
          mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), subject });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    process.env.AJAR_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    receiver = await WebhookReceiver.start();
    system = await TestSystem.start({ worker: true });

    const tenant = await system.createTenant('funder', 'Research Council');
    tenantId = tenant.tenantId;
    keys.admin = tenant.adminKey;
    keys.opsAdmin = await system.issueKey(keys.admin, ['admin'], 'ops admin', 'ops@council.example');
    keys.rso = await system.issueKey(keys.admin, ['rso'], 'rso', 'rso@council.example');
    keys.integrator = await system.issueKey(keys.admin, ['integrator'], 'grant system', 'grants@council.example');
    keys.applicant = await system.issueKey(keys.admin, ['applicant'], 'applicant desk', 'applicant@council.example');
    const other = await system.createTenant('institution', 'Another University');
    keys.otherIntegrator = await system.issueKey(other.adminKey, ['integrator']);
    keys.otherRso = await system.issueKey(other.adminKey, ['rso']);

    await system
      .http()
      .post('/v1/webhook-endpoints')
      .set('Authorization', `Bearer ${keys.admin}`)
      .send({ url: receiver.url('/failed'), eventTypes: ['case.screening_failed.v1'], description: 'screening failures' })
      .expect(201);
    await system.http().put('/v1/reference-lists/watch').set('Authorization', `Bearer ${keys.admin}`).send({ kind: 'sanctions' }).expect(200);
    await system
      .http()
      .post('/v1/reference-lists/watch/versions')
      .set('Authorization', `Bearer ${keys.admin}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(ftm([{ id: 's-1', name: 'Nightjar Trading House' }]))
      .expect(201);
  });

  afterAll(async () => {
    await system?.stop();
    await receiver?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    delete process.env.AJAR_SMTP_URL;
  });

  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const submit = async (key: string, partner: string): Promise<string> =>
    (await system.http().post('/v1/cases').set(as(key)).send(fastLaneCase(partner)).expect(202)).body.id as string;
  const read = async (key: string, id: string): Promise<CaseBody> => (await system.http().get(`/v1/cases/${id}`).set(as(key)).expect(200)).body as CaseBody;
  const inState = (key: string, id: string, states: string[], what: string): Promise<CaseBody> =>
    waitFor(async () => {
      const body = await read(key, id);
      return states.includes(body.state) ? body : undefined;
    }, what);
  const screenAgain = (key: string, id: string) => system.http().post(`/v1/cases/${id}/screening`).set(as(key));
  const appraisalJobs = async (id: string): Promise<number> =>
    (await system.query<{ count: number }>(`SELECT count(*)::int AS count FROM outbox_messages WHERE destination = 'appraisal' AND envelope->'data'->>'caseId' = $1`, [id]))[0].count;

  /** A list version written behind Ajar's back whose entry has a number for a name: building the index throws. */
  async function corruptListVersion(): Promise<void> {
    await system.query(
      `INSERT INTO reference_list_versions (tenant_id, list_id, version, kind, topic_severity, entry_count, created_at) VALUES ($1, 'corrupt', 1, 'sanctions', '{}', 1, now())`,
      [tenantId],
    );
    await system.query(`INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry) VALUES ($1, 'corrupt', 1, 'bad-1', $2)`, [
      tenantId,
      JSON.stringify({ entryId: 'bad-1', schema: 'organisation', name: 123, topics: ['sanction'] }),
    ]);
  }

  let failedByHand: string;
  let failedForMonitoring: string;

  it('records the failure on the case, findable by state, with its code and attempts; another tenant screens on', async () => {
    await corruptListVersion();
    failedByHand = await submit(keys.integrator, 'Kestrel Optics B.V.');
    failedForMonitoring = await submit(keys.integrator, 'Leiden Instruments B.V.');
    const unaffected = await submit(keys.otherIntegrator, 'Kestrel Optics B.V.');

    const failed = await inState(keys.rso, failedByHand, ['screening_failed'], 'the screening to fail for good');
    expect(failed.workflow.screeningFailure).toMatchObject({ caseVersion: 1, code: 'SCREENING.INDEX_BUILD_FAILED', attempts: 2 });
    expect(failed.workflow.screeningFailure?.message).not.toMatch(/\n|\bat\s/);
    expect(Date.parse(failed.workflow.screeningFailure?.failedAt ?? '')).not.toBeNaN();
    await inState(keys.rso, failedForMonitoring, ['screening_failed'], 'the second screening to fail for good');

    const listed = (await system.http().get('/v1/cases?state=screening_failed').set(as(keys.rso)).expect(200)).body.items as { id: string }[];
    expect(listed.map((item) => item.id).sort()).toEqual([failedByHand, failedForMonitoring].sort());

    expect(SCREENED).toContain((await inState(keys.otherRso, unaffected, SCREENED, 'the other tenant\'s case to be screened')).state);
    expect((await system.http().get('/v1/cases?state=screening_failed').set(as(keys.otherRso)).expect(200)).body.items).toEqual([]);
  });

  it('is a review task for the rso and admin', async () => {
    const page = (await system.http().get('/v1/review-tasks?kind=retry_screening&role=rso').set(as(keys.rso)).expect(200)).body as {
      items: { caseId: string; state: string; tasks: { kind: string; roles: string[]; blocksDecision: boolean; summary: string }[] }[];
    };
    const item = page.items.find((entry) => entry.caseId === failedByHand);
    expect(item).toMatchObject({ state: 'screening_failed', tasks: [{ kind: 'retry_screening', roles: ['rso', 'admin'], blocksDecision: true }] });
    expect(item?.tasks[0].summary).toContain('SCREENING.INDEX_BUILD_FAILED');
  });

  it('is announced by webhook as case.screening_failed.v1, with the code and no message', async () => {
    const delivered = await waitFor(() => {
      const bodies = receiver.on('/failed').map((request) => JSON.parse(request.body) as { type: string; data: Record<string, unknown> });
      return Promise.resolve(bodies.find((body) => body.data.caseId === failedByHand));
    }, 'the webhook of the failed screening');
    expect(delivered).toMatchObject({ type: 'case.screening_failed.v1', data: { caseId: failedByHand, caseVersion: 1, state: 'screening_failed', code: 'SCREENING.INDEX_BUILD_FAILED', attempts: 2 } });
    expect(delivered.data).not.toHaveProperty('message');
  });

  it('is a notice to the tenant\'s rso and admin keys, and to no one else', async () => {
    const subject = `[Ajar] Screening failed: case ${failedByHand}`;
    await waitFor(() => Promise.resolve(mails.filter((mail) => mail.subject === subject).length >= 2), 'the notices of the failed screening');
    const recipients = mails.filter((mail) => mail.subject === subject).flatMap((mail) => mail.to);
    expect(recipients.sort()).toEqual(['ops@council.example', 'rso@council.example']);
    // A delivery is marked sent after its mail went out: the mail can arrive before that commit.
    const sentCount = async () =>
      (
        await system.query<{ sent: number }>(
          `SELECT count(*)::int AS sent FROM notice_deliveries d JOIN events e ON e.id = d.event_id WHERE e.stream_id = $1 AND e.type = 'ScreeningFailed' AND d.sent_at IS NOT NULL`,
          [failedByHand],
        )
      )[0].sent;
    await waitFor(async () => (await sentCount()) >= 2, 'both notice deliveries marked sent');
    expect(await sentCount()).toBe(2);
  });

  it('refuses the re-screen route to other roles (403) and other tenants (404), and a case whose screening has not failed (409)', async () => {
    await screenAgain(keys.applicant, failedByHand).expect(403);
    await screenAgain(keys.integrator, failedByHand).expect(403);
    const notFound = await screenAgain(keys.otherRso, failedByHand).expect(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notFound.body).toMatchObject({ code: 'CASE.NOT_FOUND' });

    const screened = (await system.http().get('/v1/cases').set(as(keys.otherRso)).expect(200)).body.items[0] as { id: string };
    const conflict = await screenAgain(keys.otherRso, screened.id).expect(409);
    expect(conflict.body).toMatchObject({ code: 'CASE.ILLEGAL_TRANSITION' });

    // The 202 body comes from the Swagger plugin of the build (the contract test reads the built app's document).
    const documented = (await system.http().get('/docs-json').expect(200)).body.paths['/v1/cases/{id}/screening'].post as { responses: Record<string, { content?: Record<string, unknown> }> };
    expect(Object.keys(documented.responses)).toEqual(expect.arrayContaining(['403', '404', '409']));
    for (const status of ['403', '404', '409']) expect(Object.keys(documented.responses[status].content ?? {})).toEqual(['application/problem+json']);
    expect(JSON.stringify(documented.responses['404'])).toContain('CASE.NOT_FOUND');
    expect(JSON.stringify(documented.responses['409'])).toContain('CASE.ILLEGAL_TRANSITION');
  });

  it('screens the case again once the data is repaired: one new job however often it is asked', async () => {
    // No worker while asking twice: the second request must find the first one pending.
    await system.stopWorker();
    await system.query(`DELETE FROM reference_list_entries WHERE tenant_id = $1 AND list_id = 'corrupt'`, [tenantId]);
    await system.query(`DELETE FROM reference_list_versions WHERE tenant_id = $1 AND list_id = 'corrupt'`, [tenantId]);
    expect(await appraisalJobs(failedByHand)).toBe(1);

    const first = await screenAgain(keys.rso, failedByHand).expect(202);
    expect(first.body).toMatchObject({ id: failedByHand, state: 'screening', caseVersion: 1 });
    const second = await screenAgain(keys.opsAdmin, failedByHand).expect(202);
    expect(second.body).toEqual(first.body);
    expect(await appraisalJobs(failedByHand)).toBe(2);
    const pending = await read(keys.rso, failedByHand);
    expect(pending).toMatchObject({ state: 'screening', workflow: { screeningFailure: null } });

    await system.startWorker();
    const screened = await inState(keys.rso, failedByHand, SCREENED, 'the case to be screened again');
    expect(SCREENED).toContain(screened.state);
    const latest = (await system.http().get(`/v1/cases/${failedByHand}/assessments/latest`).set(as(keys.rso)).expect(200)).body as { referenceLists: unknown[] };
    expect(latest.referenceLists).toEqual([{ listId: 'watch', version: 1 }]);
    const tasks = (await system.http().get('/v1/review-tasks?kind=retry_screening').set(as(keys.rso)).expect(200)).body.items as { caseId: string }[];
    expect(tasks.map((item) => item.caseId)).toEqual([failedForMonitoring]);
  });

  it('screens a failed case in full when a new list version arrives', async () => {
    await system
      .http()
      .post('/v1/reference-lists/watch/versions')
      .set('Authorization', `Bearer ${keys.admin}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(ftm([{ id: 's-1', name: 'Nightjar Trading House' }, { id: 's-2', name: 'Osprey Freight' }]))
      .expect(201);
    const screened = await inState(keys.rso, failedForMonitoring, SCREENED, 'the failed case to be screened after the new list version');
    expect(SCREENED).toContain(screened.state);
    const timeline = (await system.http().get(`/v1/cases/${failedForMonitoring}/events`).set(as(keys.rso)).expect(200)).body.items as { type: string; data: Record<string, unknown> }[];
    expect(timeline.map((event) => event.type)).toEqual(expect.arrayContaining(['ScreeningFailed', 'ScreeningRequested', 'ScreeningCompleted']));
    expect(timeline.filter((event) => event.type === 'ScreeningRequested').at(-1)?.data).toEqual({
      caseVersion: 1,
      reason: 'reference list updated',
      listId: 'watch',
      listVersion: 2,
    });
    const latest = (await system.http().get(`/v1/cases/${failedForMonitoring}/assessments/latest`).set(as(keys.rso)).expect(200)).body as { referenceLists: unknown[] };
    expect(latest.referenceLists).toEqual([{ listId: 'watch', version: 2 }]);
  });
});
