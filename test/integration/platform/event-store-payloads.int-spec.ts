import { isDeepStrictEqual } from 'node:util';
import { DataSource } from 'typeorm';
import { EventStore, StoredEvent } from '@ajar/event-store';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { caseSubmission, disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

/**
 * The events `append` hands back (which the case repository reads for outbox rows, deadlines
 * and escalations) must carry the payloads PostgreSQL stored: each is parsed back from the text
 * it stores. Compared here with the rows, for the commands of a
 * case's life (API and worker) and for payloads that are not plain JSON.
 */
describe('event store: the payloads appended are the payloads stored', () => {
  let system: TestSystem;
  let tenantId: string;
  let integrator: string;
  let append: jest.SpiedFunction<EventStore['append']>;
  /** Every event append handed back so far, in order (appends that failed, e.g. on a conflict, hand back none). */
  const returned = async (): Promise<StoredEvent[]> => {
    const settled = await Promise.allSettled(append.mock.results.flatMap((result) => (result.type === 'return' ? [result.value] : [])));
    return settled.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
  };

  beforeAll(async () => {
    // On the prototype, so the API's and the worker's stores are both watched.
    append = jest.spyOn(EventStore.prototype, 'append');
    system = await TestSystem.start({ worker: true });
    const tenant = await system.createTenant();
    tenantId = tenant.tenantId;
    integrator = await system.issueKey(tenant.adminKey, ['integrator']);
  });
  afterAll(async () => {
    append.mockRestore();
    await system.stop();
  });

  const rowsOf = async (events: StoredEvent[]): Promise<Map<string, Record<string, unknown>>> => {
    const rows = await system.query<{ id: string; payload: Record<string, unknown> }>(`SELECT id, payload FROM events WHERE id = ANY($1::uuid[])`, [
      events.map((event) => event.id),
    ]);
    return new Map(rows.map((row) => [row.id, row.payload]));
  };

  const expectStoredAsReturned = async (events: StoredEvent[]): Promise<void> => {
    const rows = await rowsOf(events);
    for (const event of events) {
      const row = rows.get(event.id);
      // The row's keys are in jsonb's order; isDeepStrictEqual does not look at order.
      if (!isDeepStrictEqual(event.payload, row)) expect({ type: event.type, payload: event.payload }).toStrictEqual({ type: event.type, payload: row });
      expect(isDeepStrictEqual(event.payload, row)).toBe(true);
    }
  };

  it('hands back what PostgreSQL stored for the events of a case (submission, filing, amendment, appraisal, withdrawal)', async () => {
    const auth = (): [string, string] => ['Authorization', `Bearer ${integrator}`];
    const full = await system.http().post('/v1/cases').set(...auth()).send(caseSubmission({ people: 8 })).expect(202);
    const waiting = await system.http().post('/v1/cases').set(...auth()).send(caseSubmission({ people: 3, disclosed: 1 })).expect(202);
    const id = String(waiting.body.id);
    await system.http().post(`/v1/cases/${id}/disclosures`).set(...auth()).send({ personRef: 'p2', ...disclosure() }).expect(202);
    await system.http().patch(`/v1/cases/${id}`).set(...auth()).send({ title: 'Amended title', note: 'partner changed' }).expect(202);
    await system.http().post(`/v1/cases/${id}/withdrawal`).set(...auth()).send({ reason: 'partner withdrew' }).expect(202);
    await waitFor(
      async () => (await system.query(`SELECT 1 FROM cases WHERE id = $1 AND state <> 'screening'`, [String(full.body.id)])).length === 1,
      'the worker to appraise the case',
    );

    const events = await returned();
    const types = new Set(events.map((event) => event.type));
    for (const type of ['TenantCreated', 'ApiKeyIssued', 'CaseSubmitted', 'DisclosureFiled', 'DisclosureRequested', 'CaseAmended', 'CaseWithdrawn', 'ScreeningCompleted']) {
      expect(types).toContain(type);
    }
    // Every event handed back was committed (no command of this test conflicts).
    expect((await rowsOf(events)).size).toBe(events.length);
    await expectStoredAsReturned(events);
  });

  class Measure {
    constructor(
      readonly id: string,
      readonly dueAt: Date,
      readonly owner?: string,
    ) {}
  }

  it('hands back what PostgreSQL stored, for plain JSON payloads and for payloads that are not', async () => {
    const payloads: Record<string, unknown>[] = [
      { caseVersion: 1, reason: 'plain', nested: { list: [1, 'two', null, true, { deep: [] }], empty: {} }, ratio: 0.1, big: 1e21, small: 5e-324 },
      JSON.parse('{"__proto__": {"a": 1}, "b": "own __proto__ key"}') as Record<string, unknown>,
      { text: 'quotes " and \\ and \n and \u2028 and 😀' },
      { caseVersion: 1, owner: undefined, measures: [{ measureId: 'm1', legalBasis: undefined }] },
      { dueAt: new Date('2026-11-01T09:00:00Z'), list: [new Date(0), undefined, () => 1] },
      { measure: new Measure('m1', new Date(86_400_000)) },
      { zero: -0, notANumber: NaN, infinite: [Infinity, -Infinity] },
      { holes: [1, , 3] }, // eslint-disable-line no-sparse-arrays
      { money: { amount: 1, toJSON: () => '1 EUR' } },
    ];
    const store = system.api.get(EventStore);
    const streamId = '0190a000-0000-7000-8000-000000000001';
    const start = (await returned()).length;
    // append runs in its caller's transaction.
    const stored = await system.api.get(DataSource).transaction((em) =>
      store.append(
        em,
        { tenantId, streamType: 'test', streamId, expectedVersion: 0, events: payloads.map((payload) => ({ type: 'Tested', payload })) },
        { actor: SYSTEM_ACTOR, correlationId: 'payload-test' },
      ),
    );
    expect((await returned()).slice(start)).toEqual(stored);
    await expectStoredAsReturned(stored);
    // Copies, never the caller's objects.
    for (const event of stored) expect(payloads).not.toContain(event.payload);
  });
});
