import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReferenceIndex, ReferenceList, ReferenceListEntry } from '@ajar/appraisal';
import { FuzzyReferenceIndex, RememberingReferenceIndex } from '@ajar/matching';

const PAGE = 5000;
/**
 * Lets timers and I/O run between slices of an index build: a 10^6-entry build takes tens of
 * seconds, longer than BullMQ's job lock, which the event loop must keep renewing.
 */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Indexes kept per worker process (one per tenant and set of list versions). */
const CACHE_LIMIT = 32;

interface ListVersionRow {
  list_id: string;
  version: number;
  kind: ReferenceList['kind'];
  topic_severity: Record<string, string>;
}

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

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async indexFor(tenantId: string): Promise<ReferenceIndex> {
    const versions: ListVersionRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (list_id) list_id, version, kind, topic_severity
         FROM reference_list_versions WHERE tenant_id = $1 ORDER BY list_id, version DESC`,
      [tenantId],
    );
    const key = `${tenantId}|${versions.map((row) => `${row.list_id}@${row.version}`).join(',')}`;
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
    const rows: ListVersionRow[] = await this.dataSource.query(
      `SELECT list_id, version, kind, topic_severity FROM reference_list_versions WHERE tenant_id = $1 AND list_id = $2 AND version = $3`,
      [tenantId, listId, version],
    );
    if (!rows[0]) return new FuzzyReferenceIndex([]);
    // Page by page, each a primary-key range of the new version and a primary-key lookup of the
    // same ids in the previous one: linear whatever the planner knows about freshly loaded rows.
    const entries: ReferenceListEntry[] = [];
    let after = '';
    for (;;) {
      const page: { entry_id: string; entry: ReferenceListEntry }[] = await this.dataSource.query(
        `SELECT entry_id, entry FROM reference_list_entries
          WHERE tenant_id = $1 AND list_id = $2 AND version = $3 AND entry_id > $4 ORDER BY entry_id LIMIT $5`,
        [tenantId, listId, version, after, PAGE],
      );
      if (page.length === 0) break;
      const before: { entry_id: string; entry: ReferenceListEntry }[] = await this.dataSource.query(
        `SELECT entry_id, entry FROM reference_list_entries WHERE tenant_id = $1 AND list_id = $2 AND version = $3 AND entry_id = ANY($4::text[])`,
        [tenantId, listId, version - 1, page.map((item) => item.entry_id)],
      );
      // jsonb prints its keys in one canonical order, so equal entries serialise alike.
      const previous = new Map(before.map((item) => [item.entry_id, JSON.stringify(item.entry)]));
      for (const item of page) {
        if (previous.get(item.entry_id) !== JSON.stringify(item.entry)) entries.push(item.entry);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].entry_id;
    }
    const row = rows[0];
    return FuzzyReferenceIndex.build(
      [{ listId: row.list_id, version: row.version, kind: row.kind, entries, topicSeverity: row.topic_severity } as ReferenceList],
      {},
      yieldToEventLoop,
    );
  }

  private async build(tenantId: string, versions: ListVersionRow[]): Promise<ReferenceIndex> {
    const started = Date.now();
    const lists: ReferenceList[] = [];
    for (const row of versions) {
      const entries: ReferenceListEntry[] = [];
      let after = '';
      for (;;) {
        const page: { entry_id: string; entry: ReferenceListEntry }[] = await this.dataSource.query(
          `SELECT entry_id, entry FROM reference_list_entries
            WHERE tenant_id = $1 AND list_id = $2 AND version = $3 AND entry_id > $4
            ORDER BY entry_id LIMIT $5`,
          [tenantId, row.list_id, row.version, after, PAGE],
        );
        for (const item of page) entries.push(item.entry);
        if (page.length < PAGE) break;
        after = page[page.length - 1].entry_id;
      }
      lists.push({ listId: row.list_id, version: row.version, kind: row.kind, entries, topicSeverity: row.topic_severity } as ReferenceList);
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
