import { Webhook } from 'standardwebhooks';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';
import { ReceivedWebhook, WebhookReceiver } from '../../support/webhook-receiver';

// Short schedule and timeout so every retry rule runs in well under a second (no sleeps).
process.env.AJAR_EGRESS_ALLOW = '127.0.0.1';
process.env.AJAR_WEBHOOK_RETRY_SCHEDULE = '40ms,40ms,40ms,40ms,40ms,40ms,40ms';
process.env.AJAR_WEBHOOK_TIMEOUT_MS = '300';

describe('outbound webhooks: signing, fan-out and every retry rule', () => {
  let system: TestSystem;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    system = await TestSystem.start({ worker: true });
  });
  afterAll(async () => {
    await system.stop();
    await receiver.stop();
  });

  interface Tenant {
    adminKey: string;
    writer: string;
  }

  const tenant = async (): Promise<Tenant> => {
    const { adminKey } = await system.createTenant();
    return { adminKey, writer: await system.issueKey(adminKey, ['integrator']) };
  };

  const endpoint = async (owner: Tenant, path: string, eventTypes: string[] = ['case.submitted.v1']): Promise<{ id: string; secret: string }> => {
    const response = await system
      .http()
      .post('/v1/webhook-endpoints')
      .set('Authorization', `Bearer ${owner.adminKey}`)
      .send({ url: receiver.url(path), eventTypes, description: path })
      .expect(201);
    expect(response.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    return { id: response.body.id as string, secret: response.body.secret as string };
  };

  const submit = async (owner: Tenant, externalRef?: string): Promise<string> =>
    (await system.http().post('/v1/cases').set('Authorization', `Bearer ${owner.writer}`).send(caseSubmission({ externalRef })).expect(202)).body.id as string;

  const attempts = async (owner: Tenant, endpointId: string): Promise<{ attempt: number; status: number | null; outcome: string; webhookId: string; attemptedAt: string; responseExcerpt: string | null }[]> =>
    (await system.http().get(`/v1/webhook-endpoints/${endpointId}/attempts`).set('Authorization', `Bearer ${owner.adminKey}`).expect(200)).body.items;

  const delivery = async (endpointId: string): Promise<{ state: string; attempts: number; last_status: number | null }> =>
    (await system.query<{ state: string; attempts: number; last_status: number | null }>(`SELECT state, attempts, last_status FROM webhook_deliveries WHERE endpoint_id = $1`, [endpointId]))[0];

  it('delivers each subscribed event once per endpoint, signed over the exact bytes, verifiable with standardwebhooks', async () => {
    const owner = await tenant();
    const all = await endpoint(owner, '/all', []);
    const submittedOnly = await endpoint(owner, '/submitted');
    const caseId = await submit(owner, 'GMS-2026-0042');

    const received = await waitFor(
      async () => {
        const onAll = receiver.on('/all');
        const types = onAll.map((request) => (JSON.parse(request.body) as { type: string }).type);
        return types.includes('case.screening_completed.v1') && receiver.on('/submitted').length === 1 && onAll;
      },
      'the case events at both endpoints',
    );
    // The filter: one type only.
    const [submitted] = receiver.on('/submitted');
    expect(JSON.parse(submitted.body)).toMatchObject({ type: 'case.submitted.v1', data: { caseId, sequence: 1, caseVersion: 1, externalRef: 'GMS-2026-0042' } });
    // Verified as a receiver would, with the standardwebhooks package and the secret shown once.
    expect(new Webhook(submittedOnly.secret).verify(submitted.body, submitted.headers)).toMatchObject({ type: 'case.submitted.v1' });
    for (const request of received) expect(() => new Webhook(all.secret).verify(request.body, request.headers)).not.toThrow();
    expect(() => new Webhook(submittedOnly.secret).verify(received[0].body, received[0].headers)).toThrow();
    // A tampered body fails verification. (Any one delivery: those of one case may arrive in any order.)
    const tampered = received[0].body.replace(/"sequence":(\d+)/, '"sequence":9$1');
    expect(tampered).not.toBe(received[0].body);
    expect(() => new Webhook(all.secret).verify(tampered, received[0].headers)).toThrow();

    // Per-case sequence numbers increase in the order events happened; states ride along.
    const bodies = received.map((request) => JSON.parse(request.body) as { type: string; data: Record<string, unknown> });
    const sequences = bodies.map((body) => body.data.sequence as number).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(sequences.length);
    const completed = bodies.find((body) => body.type === 'case.screening_completed.v1');
    expect(completed?.data).toMatchObject({ caseId, state: expect.any(String), level: expect.any(String), route: expect.any(String), ruleCodes: expect.any(Array) });
    // Never personal disclosure content: no names, titles, organisations of people, free text.
    for (const request of received) expect(request.body).not.toMatch(/Researcher|Photonic|Delft|disclosure"/i);
    // Headers: one stable webhook-id per message, seconds timestamp, v1 signature.
    expect(submitted.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(Math.abs(Number(submitted.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(submitted.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(submitted.headers['content-type']).toBe('application/json');
    // Once each: deliveries are not doubled.
    expect(new Set(received.map((request) => request.headers['webhook-id'])).size).toBe(received.length);
    const stored = await attempts(owner, submittedOnly.id);
    expect(stored).toEqual([expect.objectContaining({ attempt: 1, status: 204, outcome: 'succeeded', webhookId: submitted.headers['webhook-id'] })]);
  });

  it('retries failures on the schedule with the same webhook-id until one succeeds, storing every attempt', async () => {
    const owner = await tenant();
    receiver.answer = (request, count) => (request.path === '/flaky' && count <= 2 ? { status: 500, body: 'database is down'.repeat(200) } : { status: 204 });
    const target = await endpoint(owner, '/flaky');
    await submit(owner);
    await waitFor(async () => (await delivery(target.id))?.state === 'succeeded', 'the third attempt to succeed');
    const requests = receiver.on('/flaky');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
    for (const request of requests) expect(() => new Webhook(target.secret).verify(request.body, request.headers)).not.toThrow();
    const stored = await attempts(owner, target.id);
    expect(stored.map((attempt) => [attempt.attempt, attempt.status, attempt.outcome])).toEqual([
      [3, 204, 'succeeded'],
      [2, 500, 'failed'],
      [1, 500, 'failed'],
    ]);
    // A bounded excerpt of the response is kept.
    expect(stored[2].responseExcerpt?.length).toBe(1024);
    expect(await delivery(target.id)).toMatchObject({ attempts: 3, last_status: 204 });
  });

  it('gives up after eight attempts and marks the delivery failed', async () => {
    const owner = await tenant();
    receiver.answer = (request) => (request.path === '/down' ? { status: 502 } : { status: 204 });
    const target = await endpoint(owner, '/down');
    await submit(owner);
    await waitFor(async () => (await delivery(target.id))?.state === 'failed', 'the delivery to fail');
    expect(receiver.on('/down')).toHaveLength(8);
    expect(await delivery(target.id)).toMatchObject({ state: 'failed', attempts: 8, last_status: 502 });
    expect((await attempts(owner, target.id)).map((attempt) => attempt.attempt)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('does not follow redirects: a 3xx is a failed attempt and the Location is never requested', async () => {
    const owner = await tenant();
    receiver.answer = (request, count) =>
      request.path === '/moved' && count === 1 ? { status: 302, headers: { location: receiver.url('/elsewhere') } } : { status: 204 };
    const target = await endpoint(owner, '/moved');
    await submit(owner);
    await waitFor(async () => (await delivery(target.id))?.state === 'succeeded', 'the retry after the redirect');
    expect(receiver.on('/elsewhere')).toHaveLength(0);
    expect((await attempts(owner, target.id)).map((attempt) => [attempt.status, attempt.outcome])).toEqual([
      [204, 'succeeded'],
      [302, 'failed'],
    ]);
  });

  it('honours Retry-After on 429 and on 503', async () => {
    const owner = await tenant();
    receiver.answer = (request, count) => {
      if (request.path === '/busy' && count === 1) return { status: 429, headers: { 'retry-after': '1' } };
      if (request.path === '/busy' && count === 2) return { status: 503, headers: { 'retry-after': '1' } };
      return { status: 204 };
    };
    const target = await endpoint(owner, '/busy');
    await submit(owner);
    await waitFor(async () => (await delivery(target.id))?.state === 'succeeded', 'the attempt after Retry-After', 15_000);
    const [first, second, third] = receiver.on('/busy');
    // The schedule alone would retry after ~40 ms; the receiver asked for a second each time.
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(950);
    expect(third.receivedAt - second.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('times out a receiver that does not answer and tries again', async () => {
    const owner = await tenant();
    receiver.answer = (request, count) => (request.path === '/slow' && count === 1 ? 'hang' : { status: 204 });
    const target = await endpoint(owner, '/slow');
    await submit(owner);
    await waitFor(async () => (await delivery(target.id))?.state === 'succeeded', 'the attempt after the timeout');
    const stored = await attempts(owner, target.id);
    expect(stored.map((attempt) => [attempt.status, attempt.outcome])).toEqual([
      [204, 'succeeded'],
      [null, 'timeout'],
    ]);
  });

  it('disables an endpoint that answers 410 Gone and tells the tenant through its other endpoints', async () => {
    const owner = await tenant();
    receiver.answer = (request) => (request.path === '/gone' ? { status: 410 } : { status: 204 });
    const gone = await endpoint(owner, '/gone');
    const notices = await endpoint(owner, '/notices', ['webhook.endpoint_disabled.v1']);
    await submit(owner);
    const notice = await waitFor(async () => receiver.on('/notices')[0], 'the endpoint-disabled notice');
    expect(new Webhook(notices.secret).verify(notice.body, notice.headers)).toMatchObject({
      type: 'webhook.endpoint_disabled.v1',
      data: { endpointId: gone.id, reason: 'gone', lastStatus: 410 },
    });
    expect(receiver.on('/gone')).toHaveLength(1);
    const view = await system.http().get(`/v1/webhook-endpoints/${gone.id}`).set('Authorization', `Bearer ${owner.adminKey}`).expect(200);
    expect(view.body).toMatchObject({ state: 'disabled', disabledReason: 'the receiver answered 410 Gone' });
    expect(await delivery(gone.id)).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('disables an endpoint that has failed for the whole window (five days by default)', async () => {
    const owner = await tenant();
    receiver.answer = (request) => (request.path === '/broken' ? { status: 500 } : { status: 204 });
    const broken = await endpoint(owner, '/broken');
    const notices = await endpoint(owner, '/broken-notices', ['webhook.endpoint_disabled.v1']);
    // Its failing streak began five days and a minute ago.
    await system.query(`UPDATE webhook_endpoints SET failing_since = now() - interval '5 days 1 minute' WHERE id = $1`, [broken.id]);
    await submit(owner);
    const notice = await waitFor(async () => receiver.on('/broken-notices')[0], 'the endpoint-disabled notice');
    expect(new Webhook(notices.secret).verify(notice.body, notice.headers)).toMatchObject({ data: { endpointId: broken.id, reason: 'failing' } });
    await waitFor(async () => (await delivery(broken.id))?.state === 'cancelled', 'the owed attempt to be cancelled');
    expect(receiver.on('/broken')).toHaveLength(1);
  });

  it('replays a message with the same webhook-id as a new delivery', async () => {
    const owner = await tenant();
    receiver.answer = () => ({ status: 204 });
    const target = await endpoint(owner, '/replayed');
    await submit(owner);
    const first = await waitFor(async () => receiver.on('/replayed')[0], 'the first delivery');
    const [{ message_id: messageId }] = await system.query<{ message_id: string }>(`SELECT message_id FROM webhook_deliveries WHERE endpoint_id = $1`, [target.id]);
    const replay = await system
      .http()
      .post(`/v1/webhook-messages/${messageId}/replay`)
      .set('Authorization', `Bearer ${owner.writer}`)
      .send({})
      .expect(202);
    expect(replay.body).toEqual({ messageId, deliveries: [{ id: expect.any(String), endpointId: target.id }] });
    const again = await waitFor(async () => receiver.on('/replayed')[1], 'the replayed delivery');
    expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(again.body).toBe(first.body);
    expect(() => new Webhook(target.secret).verify(again.body, again.headers)).not.toThrow();
    // The message is found by the webhook-id its receiver was given, too; never by another tenant.
    const receivedId = String(first.headers['webhook-id']);
    expect(receivedId).toMatch(/^msg_[0-9a-f]{32}$/);
    const byWebhookId = await system.http().get(`/v1/webhook-messages/${receivedId}`).set('Authorization', `Bearer ${owner.adminKey}`).expect(200);
    expect(byWebhookId.body).toMatchObject({ id: messageId, webhookId: receivedId });
    const stranger = await tenant();
    const hidden = await system.http().get(`/v1/webhook-messages/${receivedId}`).set('Authorization', `Bearer ${stranger.adminKey}`).expect(404);
    expect(hidden.body.code).toBe('WEBHOOK.MESSAGE_NOT_FOUND');
    const malformed = await system.http().get(`/v1/webhook-messages/msg_${'0'.repeat(31)}`).set('Authorization', `Bearer ${owner.adminKey}`).expect(400);
    expect(malformed.body.errors).toEqual([{ field: 'id', reason: 'must be a UUID or the msg_… webhook-id of the message' }]);
    // The receiver has the request before the worker records the answer: wait for the record.
    const deliveryStates = async (): Promise<string[][]> => {
      const message = await system.http().get(`/v1/webhook-messages/${messageId}`).set('Authorization', `Bearer ${owner.adminKey}`).expect(200);
      return message.body.deliveries.map((entry: { origin: string; state: string }) => [entry.origin, entry.state]);
    };
    await waitFor(async () => (await deliveryStates()).every(([, state]) => state !== 'pending'), 'both deliveries to be recorded');
    expect(await deliveryStates()).toEqual([
      ['event', 'succeeded'],
      ['replay', 'succeeded'],
    ]);
  });

  it('signs with both secrets during a rotation overlap, then with the new one only', async () => {
    const owner = await tenant();
    receiver.answer = () => ({ status: 204 });
    const target = await endpoint(owner, '/rotating');
    const rotated = await system
      .http()
      .post(`/v1/webhook-endpoints/${target.id}/secret-rotation`)
      .set('Authorization', `Bearer ${owner.adminKey}`)
      .send({ overlapSeconds: 3600 })
      .expect(201);
    expect(rotated.body.secret).not.toBe(target.secret);
    await submit(owner);
    const during = await waitFor(async () => receiver.on('/rotating')[0], 'a delivery during the overlap');
    expect(during.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(target.secret).verify(during.body, during.headers)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret as string).verify(during.body, during.headers)).not.toThrow();

    const closed = await system
      .http()
      .post(`/v1/webhook-endpoints/${target.id}/secret-rotation`)
      .set('Authorization', `Bearer ${owner.adminKey}`)
      .send({ overlapSeconds: 0 })
      .expect(201);
    await submit(owner);
    const after = await waitFor(async () => receiver.on('/rotating')[1], 'a delivery after the overlap');
    expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(() => new Webhook(closed.body.secret as string).verify(after.body, after.headers)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret as string).verify(after.body, after.headers)).toThrow();
  });

  it('sends nothing to a disabled endpoint and resumes after it is enabled', async () => {
    const owner = await tenant();
    receiver.answer = () => ({ status: 204 });
    const target = await endpoint(owner, '/paused');
    const witness = await endpoint(owner, '/witness');
    await system.http().post(`/v1/webhook-endpoints/${target.id}/disable`).set('Authorization', `Bearer ${owner.adminKey}`).send({}).expect(200);
    await submit(owner);
    await waitFor(async () => receiver.on('/witness').length === 1, 'the witness endpoint to receive the event');
    await system.http().post(`/v1/webhook-endpoints/${target.id}/enable`).set('Authorization', `Bearer ${owner.adminKey}`).send({}).expect(200);
    await submit(owner);
    await waitFor(async () => receiver.on('/witness').length === 2, 'the second event');
    const resumed: ReceivedWebhook = await waitFor(async () => receiver.on('/paused')[0], 'the event after enabling');
    expect(receiver.on('/paused')).toHaveLength(1);
    expect(() => new Webhook(target.secret).verify(resumed.body, resumed.headers)).not.toThrow();
    expect(witness.id).not.toBe(target.id);
  });
});
