import type { ReferenceListEntry } from '@ajar/appraisal';
import type { IndexedListVersion, ReferenceListQueryService, StoredListEntry, StoredVersionDelta } from '../infrastructure/reference-list.query-service';
import { ReferenceIndexProvider } from './reference-index.provider';

const entry = (entryId: string, name: string): ReferenceListEntry => ({ entryId, schema: 'organisation', name, topics: ['sanction'] });

/** The reads the provider makes, over versions kept in memory; counts the full reads and the diffs. */
class ListsInMemory {
  readonly versions = new Map<string, { row: IndexedListVersion; entries: ReferenceListEntry[] }[]>();
  pagesRead = 0;
  deltasRead = 0;
  failDeltas = false;

  publish(tenantId: string, listId: string, entries: ReferenceListEntry[], topicSeverity: Record<string, string> = {}): void {
    const versions = this.versions.get(tenantId) ?? [];
    const version = versions.filter((item) => item.row.listId === listId).length + 1;
    versions.push({ row: { listId, version, kind: 'sanctions', topicSeverity }, entries: [...entries].sort((a, b) => (a.entryId < b.entryId ? -1 : 1)) });
    this.versions.set(tenantId, versions);
  }

  private find(tenantId: string, listId: string, version: number) {
    return (this.versions.get(tenantId) ?? []).find((item) => item.row.listId === listId && item.row.version === version);
  }

  async currentVersions(tenantId: string): Promise<IndexedListVersion[]> {
    const latest = new Map<string, IndexedListVersion>();
    for (const { row } of this.versions.get(tenantId) ?? []) latest.set(row.listId, row);
    return [...latest.values()].sort((a, b) => (a.listId < b.listId ? -1 : 1));
  }

  async entriesPage(tenantId: string, listId: string, version: number, after: string, limit: number): Promise<StoredListEntry[]> {
    this.pagesRead++;
    return (this.find(tenantId, listId, version)?.entries ?? [])
      .filter((item) => item.entryId > after)
      .slice(0, limit)
      .map((item) => ({ entryId: item.entryId, entry: item }));
  }

  async versionDelta(tenantId: string, listId: string, previous: number, version: number): Promise<StoredVersionDelta | undefined> {
    this.deltasRead++;
    if (this.failDeltas) throw new Error('connection lost');
    const before = new Map((this.find(tenantId, listId, previous)?.entries ?? []).map((item) => [item.entryId, JSON.stringify(item)]));
    const now = this.find(tenantId, listId, version)?.entries ?? [];
    const ids = new Set(now.map((item) => item.entryId));
    return {
      upserted: now.filter((item) => before.get(item.entryId) !== JSON.stringify(item)),
      removedEntryIds: [...before.keys()].filter((id) => !ids.has(id)),
    };
  }
}

function providerOver(lists: ListsInMemory): ReferenceIndexProvider {
  // A fake of the four reads the provider makes, no database: the cast is what a test double needs.
  return new ReferenceIndexProvider(lists as unknown as ReferenceListQueryService);
}

const hits = async (provider: ReferenceIndexProvider, tenantId: string, name: string) =>
  (await provider.indexFor(tenantId)).lookup({ name, subjectKind: 'organisation' }).map((candidate) => `${candidate.entryId}@${candidate.listVersion}`);

describe('the reference index provider', () => {
  it('applies a new version to the previous index as a delta instead of reading the whole list again', async () => {
    const lists = new ListsInMemory();
    lists.publish('t1', 'sanctions', [entry('a', 'Volkov Optics Ltd'), entry('b', 'Karolvin Tesmar Photonics')]);
    const provider = providerOver(lists);
    expect(await hits(provider, 't1', 'Volkov Optics')).toEqual(['a@1']);
    const pages = lists.pagesRead;

    lists.publish('t1', 'sanctions', [entry('b', 'Karolvin Tesmar Photonics'), entry('c', 'Zhaxin Marine OOO')]);
    expect(await hits(provider, 't1', 'Volkov Optics')).toEqual([]);
    expect(await hits(provider, 't1', 'Zhaxin Marine')).toEqual(['c@2']);
    expect(await hits(provider, 't1', 'Karolvin Tesmar Photonics')).toEqual(['b@2']);
    expect(lists.pagesRead).toBe(pages);
    expect(provider.statistics()).toEqual({ fullBuilds: 1, deltasApplied: 1, tenants: 1 });
  });

  it('rebuilds when a list version changes the list definition (topic severities)', async () => {
    const lists = new ListsInMemory();
    lists.publish('t1', 'sanctions', [entry('a', 'Volkov Optics Ltd')]);
    const provider = providerOver(lists);
    await provider.indexFor('t1');
    lists.publish('t1', 'sanctions', [entry('a', 'Volkov Optics Ltd')], { sanction: 'S4' });
    const [candidate] = (await provider.indexFor('t1')).lookup({ name: 'Volkov Optics', subjectKind: 'organisation' });
    expect(candidate.topicSeverity).toEqual({ sanction: 'S4' });
    expect(provider.statistics()).toMatchObject({ fullBuilds: 2, deltasApplied: 0 });
  });

  it('keeps the previous index when a delta fails, and applies the delta on the next attempt', async () => {
    const lists = new ListsInMemory();
    lists.publish('t1', 'sanctions', [entry('a', 'Volkov Optics Ltd')]);
    const provider = providerOver(lists);
    await provider.indexFor('t1');
    lists.publish('t1', 'sanctions', [entry('c', 'Zhaxin Marine OOO')]);
    lists.failDeltas = true;
    await expect(provider.indexFor('t1')).rejects.toThrow('connection lost');
    lists.failDeltas = false;
    expect(await hits(provider, 't1', 'Zhaxin Marine')).toEqual(['c@2']);
    expect(provider.statistics()).toMatchObject({ fullBuilds: 1, deltasApplied: 1 });
  });

  it("keeps each tenant's index apart: one tenant's new version leaves another's index as it was", async () => {
    const lists = new ListsInMemory();
    lists.publish('t1', 'sanctions', [entry('a', 'Volkov Optics Ltd')]);
    lists.publish('t2', 'sanctions', [entry('x', 'Volkov Optics Ltd')]);
    const provider = providerOver(lists);
    const other = await provider.indexFor('t2');
    await provider.indexFor('t1');
    lists.publish('t1', 'sanctions', []);
    expect(await hits(provider, 't1', 'Volkov Optics')).toEqual([]);
    expect(await provider.indexFor('t2')).toBe(other);
    expect(await hits(provider, 't2', 'Volkov Optics')).toEqual(['x@1']);
  });
});
