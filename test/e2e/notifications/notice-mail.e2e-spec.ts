import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

/** One message as the in-process SMTP server took it. */
interface Received {
  to: string[];
  from: string;
  messageId: string;
  subject: string;
  body: string;
}

/** Undoes quoted-printable (soft line breaks and =XX) so that the body can be searched. */
function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function parse(raw: string, to: string[], from: string): Received {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string): string => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const rawBody = raw.slice(split + 4);
  const body = /quoted-printable/i.test(header('Content-Transfer-Encoding'))
    ? decodeQuotedPrintable(rawBody)
    : /base64/i.test(header('Content-Transfer-Encoding'))
      ? Buffer.from(rawBody, 'base64').toString('utf8')
      : rawBody;
  return { to, from, messageId: header('Message-ID'), subject: header('Subject'), body };
}

/** The personal data and free text the cases below carry: none may be in a notice. */
const PERSON = 'Dr Ada Quantumfield';
const FREE_TEXT = ['Imaging sensors; no defence end user.', 'Open research, controls in place.', 'Annual report to the funder', 'Military end user expected.', 'Dual use outweighs the benefit.'];

function proposal(kind: 'quantum' | 'military'): Record<string, unknown> {
  const shapes = {
    quantum: { researchStage: 'applied', technologyAreas: ['quantum', 'photonics'], partners: [{ name: 'Acme Photonics B.V.', country: 'NL', type: 'company' }] },
    military: {
      researchStage: 'experimental_development',
      technologyAreas: ['quantum'],
      exportControl: { relevant: true, classifications: ['6A005'] },
      partners: [{ name: 'Defence Research Lab', country: 'NL', type: 'military' }],
    },
  };
  return { kind: 'collaboration', title: `A ${kind} proposal`, ...shapes[kind], personnel: [{ ref: 'p1', name: PERSON, role: 'pi', disclosure: disclosure() }] };
}

describe('notices by e-mail through an in-process SMTP server', () => {
  const received: Received[] = [];
  /** Recipients the SMTP server refuses (550) for now. */
  const refused = new Set<string>();
  let smtp: SMTPServer;
  let system: TestSystem;
  let redis: IORedis;
  let notices: Queue;
  const keys = {} as Record<'admin' | 'integrator' | 'rso' | 'approverA' | 'approverB' | 'approverQuiet' | 'applicant' | 'applicantQuiet' | 'otherApplicant' | 'otherApprover', string>;
  const ids = {} as Record<'rso' | 'approverA' | 'approverB' | 'applicant' | 'revoked', string>;

  const keyId = async (key: string): Promise<string> =>
    (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE key_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [key]))[0].id;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback: no STARTTLS offered, so nodemailer does not try TLS.
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refused.has(address.address)) {
          const error = new Error('Mailbox unavailable for now') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          received.push(parse(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((rcpt) => rcpt.address), from));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    process.env.AJAR_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

    system = await TestSystem.start({ worker: true });
    redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    notices = new Queue('notices', { connection: redis, prefix: system.prefix });

    const tenant = await system.createTenant('funder', 'Research Council');
    keys.admin = tenant.adminKey;
    keys.integrator = await system.issueKey(keys.admin, ['integrator']);
    keys.rso = await system.issueKey(keys.admin, ['rso'], 'rso', 'rso@council.example');
    keys.approverA = await system.issueKey(keys.admin, ['approver'], 'approver a', 'approver-a@council.example');
    keys.approverB = await system.issueKey(keys.admin, ['approver'], 'approver b', 'approver-b@council.example');
    keys.approverQuiet = await system.issueKey(keys.admin, ['approver'], 'approver without address');
    keys.applicant = await system.issueKey(keys.admin, ['applicant'], 'applicant desk', 'applicant@council.example');
    keys.applicantQuiet = await system.issueKey(keys.admin, ['applicant'], 'applicant without address');
    const revoked = await system.issueKey(keys.admin, ['applicant', 'approver'], 'revoked applicant', 'revoked@council.example');
    for (const name of ['rso', 'approverA', 'approverB', 'applicant'] as const) ids[name] = await keyId(keys[name]);
    ids.revoked = await keyId(revoked);
    await system.http().delete(`/v1/api-keys/${ids.revoked}`).set('Authorization', `Bearer ${keys.admin}`).expect(204);

    const other = await system.createTenant('institution', 'Another University');
    keys.otherApplicant = await system.issueKey(other.adminKey, ['applicant'], 'their applicant', 'applicant@elsewhere.example');
    keys.otherApprover = await system.issueKey(other.adminKey, ['approver', 'rso'], 'their approver', 'approver@elsewhere.example');
  });

  afterAll(async () => {
    await notices?.close();
    await redis?.quit();
    await system?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    delete process.env.AJAR_SMTP_URL;
  });

  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const post = (key: string, id: string, path: string, body: Record<string, unknown> = {}) => system.http().post(`/v1/cases/${id}/${path}`).set(as(key)).send(body);
  const inReview = async (kind: 'quantum' | 'military'): Promise<string> => {
    const id = (await system.http().post('/v1/cases').set(as(keys.integrator)).send(proposal(kind)).expect(202)).body.id as string;
    await waitFor(async () => (await system.http().get(`/v1/cases/${id}`).set(as(keys.rso)).expect(200)).body.state === 'in_review', `case ${id} in review`);
    await post(keys.rso, id, 'review-assignment', { reviewerKeyId: ids.rso }).expect(200);
    return id;
  };
  const eventOf = async (caseId: string, type: string): Promise<string> =>
    waitFor(async () => (await system.query<{ id: string }>(`SELECT id FROM events WHERE stream_id = $1 AND type = $2`, [caseId, type]))[0]?.id, `${type} on ${caseId}`);
  const noticeJob = async (eventId: string) =>
    waitFor(async () => (await system.query<{ id: string; envelope: Record<string, unknown> }>(`SELECT id, envelope FROM outbox_messages WHERE destination = 'notices' AND event_id = $1`, [eventId]))[0], `the notice outbox row of ${eventId}`);
  const completed = async (jobId: string, timeoutMs = 15_000) =>
    waitFor(async () => ((await (await notices.getJob(jobId))?.getState()) === 'completed' ? true : undefined), `notice job ${jobId} to complete`, timeoutMs);
  const mailsOf = (eventId: string): Received[] => received.filter((mail) => mail.messageId.includes(eventId));
  const deliveries = (eventId: string) =>
    system.query<{ recipient_key_id: string; sent_at: Date | null; last_error: string | null }>(
      `SELECT recipient_key_id, sent_at, last_error FROM notice_deliveries WHERE event_id = $1 ORDER BY recipient_key_id`,
      [eventId],
    );

  it('a recorded decision is e-mailed once to the applicant key with a contact address, with ids and codes only; a repeated job sends nothing again', async () => {
    const id = await inReview('quantum');
    await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'possible', rationale: FREE_TEXT[0] }).expect(200);
    await post(keys.approverA, id, 'decision', { outcome: 'proceed', reasonCodes: ['RS-T-002'], rationale: FREE_TEXT[1], conditions: [FREE_TEXT[2]] }).expect(200);
    const eventId = await eventOf(id, 'DecisionRecorded');
    const job = await noticeJob(eventId);
    await completed(job.id);

    const mails = mailsOf(eventId);
    expect(mails.map((mail) => mail.to)).toEqual([['applicant@council.example']]);
    const [mail] = mails;
    expect(mail.messageId).toBe(`<${eventId}.${ids.applicant}@ajar>`);
    expect(mail.from).toBe('notices@ajar.invalid');
    expect(mail.subject).toContain(id);
    expect(mail.body).toContain(`Case: ${id}`);
    expect(mail.body).toContain(`GET /v1/cases/${id}`);
    expect(mail.body).toContain('Outcome: proceed');
    expect(mail.body).toContain('Reason codes: RS-T-002');
    for (const text of [PERSON, 'Quantumfield', ...FREE_TEXT, 'Acme']) expect({ text, found: `${mail.subject}\n${mail.body}`.includes(text) }).toEqual({ text, found: false });
    // Nobody else: not the key without an address, not the revoked key, not the other tenant.
    expect(received.flatMap((entry) => entry.to)).not.toContain('revoked@council.example');
    expect(received.flatMap((entry) => entry.to).filter((to) => to.endsWith('@elsewhere.example'))).toEqual([]);
    const rows = await deliveries(eventId);
    expect(rows).toEqual([{ recipient_key_id: ids.applicant, sent_at: expect.any(Date), last_error: null }]);

    // The same job again (a redelivery, a replayed outbox row): the delivery row says it is sent.
    const again = await notices.add('case.notice', job.envelope, { jobId: `rerun-${job.id}` });
    await completed(again.id as string);
    expect(mailsOf(eventId)).toHaveLength(1);
    expect(await deliveries(eventId)).toEqual(rows);
  });

  it('a proposed (four-eyes) decision goes to every approver with an address; a refused recipient is retried without stopping the others', async () => {
    const id = await inReview('military');
    await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'likely', rationale: FREE_TEXT[3] }).expect(200);
    refused.add('approver-b@council.example');
    await post(keys.approverA, id, 'decision', { outcome: 'declined', reasonCodes: ['RS-T-004'], rationale: FREE_TEXT[4] }).expect(200);
    const eventId = await eventOf(id, 'DecisionProposed');
    const job = await noticeJob(eventId);

    // Approver A is sent to at once; B's refusal is kept and the job fails for a retry.
    const refusedRow = await waitFor(async () => (await deliveries(eventId)).find((row) => row.recipient_key_id === ids.approverB && row.last_error !== null), 'the refusal to be recorded');
    expect(refusedRow.sent_at).toBeNull();
    expect(refusedRow.last_error).toMatch(/550/);
    expect(refusedRow.last_error).not.toContain('approver-b@council.example');
    await waitFor(async () => mailsOf(eventId).some((mail) => mail.to.includes('approver-a@council.example')), 'approver A to be mailed');
    // The first attempt failed: BullMQ holds the job for a retry (attempts and backoff of the queue).
    await waitFor(async () => ((await notices.getJob(job.id))?.attemptsMade ?? 0) >= 1, 'the first attempt to fail');
    expect(await (await notices.getJob(job.id))?.getState()).not.toBe('completed');

    refused.delete('approver-b@council.example');
    await completed(job.id, 20_000);
    const mails = mailsOf(eventId);
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual(['approver-a@council.example', 'approver-b@council.example']);
    expect(mails.find((mail) => mail.to[0] === 'approver-b@council.example')?.messageId).toBe(`<${eventId}.${ids.approverB}@ajar>`);
    const rows = await deliveries(eventId);
    expect(rows.map((row) => row.recipient_key_id).sort()).toEqual([ids.approverA, ids.approverB].sort());
    expect(rows.every((row) => row.sent_at !== null)).toBe(true);
    // The refusal stays on the row for the operator; the send came after it.
    expect(rows.find((row) => row.recipient_key_id === ids.approverB)?.last_error).toMatch(/550/);
    for (const mail of mails) for (const text of [PERSON, ...FREE_TEXT]) expect(mail.body).not.toContain(text);

    // The second approval records the decision: the applicant hears of it.
    await post(keys.approverB, id, 'decision/approval').expect(200);
    const recorded = await eventOf(id, 'DecisionRecorded');
    await completed((await noticeJob(recorded)).id);
    expect(mailsOf(recorded).map((mail) => mail.to)).toEqual([['applicant@council.example']]);
    // An adverse decision: the applicant is told until when a response is possible.
    expect(mailsOf(recorded)[0].body).toMatch(/Response due: \d{4}-\d{2}-\d{2}T/);
    expect(received.flatMap((entry) => entry.to)).not.toContain('revoked@council.example');
    expect(received.flatMap((entry) => entry.to).filter((to) => to.endsWith('@elsewhere.example'))).toEqual([]);
  });
});
