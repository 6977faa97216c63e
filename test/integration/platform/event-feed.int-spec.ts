import { EventFeedQueryService } from '@ajar/event-store';
import { TestSystem } from '../../support/test-system';

// The feed other contexts read the hash chain through (the webhook fan-out): positions in, the
// tenants that moved past them and the chained events after them out, against PostgreSQL.
describe('event feed: chained events after a reader position', () => {
  let system: TestSystem;
  let feed: EventFeedQueryService;
  let first: { tenantId: string; adminKey: string };
  let second: { tenantId: string; adminKey: string };
  const unknownTenant = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    // No worker: only this test chains, so every head is known.
    system = await TestSystem.start({ worker: false });
    feed = system.api.get(EventFeedQueryService);
    first = await system.createTenant('institution', 'First University');
    second = await system.createTenant('funder', 'Second Funder');
    await system.issueKey(first.adminKey, ['auditor']);
    await system.chainAll();
  });
  afterAll(() => system.stop());

  const chained = (tenantId: string) =>
    system.query<{ tenant_sequence: string; event_id: string }>(
      `SELECT tenant_sequence::text, event_id FROM event_chain WHERE tenant_id = $1 ORDER BY tenant_sequence`,
      [tenantId],
    );

  it('gives the head of a tenant chain, and none for a tenant without one', async () => {
    expect(await feed.headSequence(first.tenantId)).toBe(String((await chained(first.tenantId)).length));
    expect(await feed.headSequence(second.tenantId)).toBe('2'); // TenantCreated, ApiKeyIssued
    expect(await feed.headSequence(unknownTenant)).toBeUndefined();
  });

  it('names only the tenants whose chain moved past the position, in tenant id order', async () => {
    const firstHead = (await feed.headSequence(first.tenantId)) ?? '';
    expect(await feed.tenantsAhead([{ tenantId: first.tenantId, sequence: firstHead }, { tenantId: second.tenantId, sequence: '1' }])).toEqual([second.tenantId]);
    expect(await feed.tenantsAhead([{ tenantId: unknownTenant, sequence: '0' }])).toEqual([]);
    const both = await feed.tenantsAhead([
      { tenantId: second.tenantId, sequence: '0' },
      { tenantId: first.tenantId, sequence: '0' },
    ]);
    expect(both).toEqual([first.tenantId, second.tenantId].sort());
    expect(await feed.tenantsAhead([])).toEqual([]);
  });

  it('reads at most the window after each position, tenant by tenant and in chain order', async () => {
    const events = await feed.eventsAfter(
      [
        { tenantId: first.tenantId, sequence: '1' },
        { tenantId: second.tenantId, sequence: '0' },
      ],
      2,
    );
    const firstChain = await chained(first.tenantId);
    const secondChain = await chained(second.tenantId);
    const expected = [
      ...firstChain.slice(1, 3).map((link) => ({ tenantId: first.tenantId, tenantSequence: link.tenant_sequence, id: link.event_id })),
      ...secondChain.slice(0, 2).map((link) => ({ tenantId: second.tenantId, tenantSequence: link.tenant_sequence, id: link.event_id })),
    ].sort((a, b) => (a.tenantId === b.tenantId ? Number(a.tenantSequence) - Number(b.tenantSequence) : a.tenantId < b.tenantId ? -1 : 1));
    expect(events.map((event) => ({ tenantId: event.tenantId, tenantSequence: event.tenantSequence, id: event.id }))).toEqual(expected);
    const created = events.find((event) => event.tenantId === second.tenantId && event.tenantSequence === '1');
    expect(created).toMatchObject({ type: 'TenantCreated', streamType: 'tenant', streamId: second.tenantId, streamVersion: 1, payload: { name: 'Second Funder' } });
    expect(created?.occurredAt).toBeInstanceOf(Date);
  });

  it('reads nothing past the head', async () => {
    expect(await feed.eventsAfter([{ tenantId: second.tenantId, sequence: '2' }], 10)).toEqual([]);
  });
});
