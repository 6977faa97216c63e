import { DataSource } from 'typeorm';
import { COMMIT_CHANNEL } from '@ajar/database';
import { EventStore } from '@ajar/event-store';
import { StreamVersionConflict } from '@ajar/kernel';
import { Inbox, Outbox } from '@ajar/outbox';
import { Queues } from '@ajar/messaging';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { TestSystem, waitFor } from '../../support/test-system';

/**
 * The plain statements of an append, an outbox row and an inbox claim, in the caller's
 * transaction, against PostgreSQL. No worker: the chainer leaves the chain queue as it is.
 */
describe('event store, outbox and inbox: plain statements in the caller\'s transaction', () => {
  let system: TestSystem;
  let dataSource: DataSource;
  let store: EventStore;
  let tenantId: string;
  const notifications: string[] = [];
  const context = { actor: SYSTEM_ACTOR, correlationId: 'append-test' };
  const streamId = '0190a000-0000-7000-8000-0000000000a1';

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    dataSource = system.api.get(DataSource);
    store = system.api.get(EventStore);
    ({ tenantId } = await system.createTenant());
    system.db.on('notification', (message) => notifications.push(message.channel));
    await system.db.query(`LISTEN ${COMMIT_CHANNEL}`);
  });
  afterAll(() => system.stop());

  const append = (expectedVersion: number, types: string[]) =>
    dataSource.transaction((em) =>
      store.append(em, { tenantId, streamType: 'test', streamId, expectedVersion, events: types.map((type) => ({ type, payload: { type } })) }, context),
    );

  it('stores the events, queues each for the tenant\'s chain, and notifies at commit only', async () => {
    const before = notifications.length;
    const stored = await dataSource.transaction(async (em) => {
      const events = await store.append(em, { tenantId, streamType: 'test', streamId, expectedVersion: 0, events: [{ type: 'A', payload: {} }, { type: 'B', payload: {} }] }, context);
      // Not delivered while the transaction is open (PostgreSQL sends it at commit).
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(notifications.length).toBe(before);
      return events;
    });
    await waitFor(() => Promise.resolve(notifications.length > before), 'the commit notification');
    expect(notifications.slice(before).every((channel) => channel === COMMIT_CHANNEL)).toBe(true);

    const rows = await system.query<{ id: string; stream_version: number; pending_tenant: string | null }>(
      `SELECT e.id, e.stream_version, p.tenant_id AS pending_tenant FROM events e
         LEFT JOIN event_chain_pending p ON p.position = e.position
        WHERE e.stream_id = $1 ORDER BY e.stream_version`,
      [streamId],
    );
    expect(rows).toEqual(stored.map((event) => ({ id: event.id, stream_version: event.streamVersion, pending_tenant: tenantId })));
  });

  it('fails with StreamVersionConflict at a version already taken, and keeps none of the append', async () => {
    const [{ count: before }] = await system.query<{ count: string }>(`SELECT count(*) FROM event_chain_pending WHERE tenant_id = $1`, [tenantId]);
    await expect(append(1, ['C', 'D'])).rejects.toBeInstanceOf(StreamVersionConflict);
    expect((await system.query(`SELECT 1 FROM events WHERE stream_id = $1`, [streamId])).length).toBe(2);
    const [{ count: after }] = await system.query<{ count: string }>(`SELECT count(*) FROM event_chain_pending WHERE tenant_id = $1`, [tenantId]);
    expect(after).toBe(before);
    // The stream goes on from its real version.
    expect((await append(2, ['C'])).map((event) => event.streamVersion)).toEqual([3]);
  });

  it('appends nothing for no events', async () => {
    expect(await append(3, [])).toEqual([]);
  });

  it('writes outbox rows with their envelopes, and claims an inbox message once', async () => {
    const outbox = system.api.get(Outbox);
    const inbox = system.api.get(Inbox);
    const [event] = await append(3, ['E']);
    const entry = { tenantId, eventId: event.id, destination: Queues.Appraisal, type: 'test.v1', correlationId: 'append-test', data: { caseId: streamId, caseVersion: 1 } };
    const ids = await dataSource.transaction((em) => outbox.add(em, [entry, { ...entry, type: 'test.v2' }]));
    const rows = await system.query<{ id: string; job_name: string; envelope: Record<string, unknown> }>(
      `SELECT id, job_name, envelope FROM outbox_messages WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(new Map(rows.map((row) => [row.id, [row.job_name, row.envelope.messageId, row.envelope.causationId]]))).toEqual(
      new Map([
        [ids[0], ['test.v1', ids[0], event.id]],
        [ids[1], ['test.v2', ids[1], event.id]],
      ]),
    );
    expect(await dataSource.transaction((em) => outbox.add(em, []))).toEqual([]);

    expect(await dataSource.transaction((em) => inbox.claim(em, 'append-test', ids[0]))).toBe(true);
    expect(await dataSource.transaction((em) => inbox.claim(em, 'append-test', ids[0]))).toBe(false);
  });
});
