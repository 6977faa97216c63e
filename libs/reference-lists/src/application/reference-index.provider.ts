import { Injectable, Logger } from '@nestjs/common';
import type { ReferenceIndex, ReferenceList, ReferenceListEntry } from '@ajar/appraisal';
import { FuzzyReferenceIndex, RememberingReferenceIndex } from '@ajar/matching';
import { IndexedListVersion, ReferenceListQueryService } from '../infrastructure/reference-list.query-service';

const PAGE = 5000;
/**
 * Lets timers and I/O run between slices of an index build: a 10^6-entry build takes tens of
 * seconds, longer than BullMQ's job lock, which the event loop must keep renewing.
 */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Indexes kept per worker process (one per tenant and set of list versions). */
const CACHE_LIMIT = 32;

/**
 * The reference index of a tenant's current list versions, built once per set of versions and
 * shared by every job of the worker: concurrent jobs await the same build, and a new list version
 * makes a new index while jobs already running keep the one they started with (no job ever mixes
 * versions). Entries are read in pages and the index is built in slices, so the event loop (and
 * BullMQ's lock renewal) keeps going.
 */
@Injectable()
export class ReferenceIndexProvider {
  private readonly logger = new Logger(ReferenceIndexProvider.name);
  private readonly cache = new Map<string, Promise<ReferenceIndex>>();

  constructor(private readonly lists: ReferenceListQueryService) {}

  async indexFor(tenantId: string): Promise<ReferenceIndex> {
    const versions = await this.lists.currentVersions(tenantId);
    const key = `${tenantId}|${versions.map((row) => `${row.listId}@${row.version}`).join(',')}`;
    return this.cached(key, () => this.build(tenantId, versions));
  }

  /**
   * An index of only what a list version adds or changes against the version before, for
   * monitoring: a case screened against it finds exactly the hits that are new.
   */
  async deltaIndexFor(tenantId: string, listId: string, version: number): Promise<ReferenceIndex> {
    return this.cached(`delta|${tenantId}|${listId}@${version}`, () => this.buildDelta(tenantId, listId, version));
  }

  /**
   * The index under `key`, built once: concurrent callers await the same build, a failed build is
   * forgotten, and the oldest indexes go beyond `CACHE_LIMIT`. Answers are remembered, since
   * screening (re-screening above all) repeats the same partner names.
   */
  private cached(key: string, make: () => Promise<ReferenceIndex>): Promise<ReferenceIndex> {
    let index = this.cache.get(key);
    if (!index) {
      index = make().then((built) => new RememberingReferenceIndex(built));
      this.cache.set(key, index);
      index.catch(() => this.cache.delete(key));
      while (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    }
    return index;
  }

  private async buildDelta(tenantId: string, listId: string, version: number): Promise<ReferenceIndex> {
    const row = await this.lists.version(tenantId, listId, version);
    if (!row) return new FuzzyReferenceIndex([]);
    // Page by page, each a primary-key range of the new version and a primary-key lookup of the
    // same ids in the previous one: linear whatever the planner knows about freshly loaded rows.
    const entries: ReferenceListEntry[] = [];
    let after = '';
    for (;;) {
      const page = await this.lists.entriesPage(tenantId, listId, version, after, PAGE);
      if (page.length === 0) break;
      const before = await this.lists.entries(tenantId, listId, version - 1, page.map((item) => item.entryId));
      // jsonb prints its keys in one canonical order, so equal entries serialise alike.
      const previous = new Map(before.map((item) => [item.entryId, JSON.stringify(item.entry)]));
      for (const item of page) {
        if (previous.get(item.entryId) !== JSON.stringify(item.entry)) entries.push(item.entry);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].entryId;
    }
    return FuzzyReferenceIndex.build(
      [{ listId: row.listId, version: row.version, kind: row.kind, entries, topicSeverity: row.topicSeverity } as ReferenceList],
      {},
      yieldToEventLoop,
    );
  }

  private async build(tenantId: string, versions: IndexedListVersion[]): Promise<ReferenceIndex> {
    const started = Date.now();
    const lists: ReferenceList[] = [];
    for (const row of versions) {
      const entries: ReferenceListEntry[] = [];
      let after = '';
      for (;;) {
        const page = await this.lists.entriesPage(tenantId, row.listId, row.version, after, PAGE);
        for (const item of page) entries.push(item.entry);
        if (page.length < PAGE) break;
        after = page[page.length - 1].entryId;
      }
      lists.push({ listId: row.listId, version: row.version, kind: row.kind, entries, topicSeverity: row.topicSeverity } as ReferenceList);
    }
    const index = await FuzzyReferenceIndex.build(lists, {}, yieldToEventLoop);
    if (lists.length > 0) {
      this.logger.log(
        { tenantId, lists: lists.map((list) => `${list.listId}@${list.version}`), entries: lists.reduce((sum, list) => sum + list.entries.length, 0), ms: Date.now() - started },
        'reference index built',
      );
    }
    return index;
  }
}
