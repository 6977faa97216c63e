import { Injectable, Logger } from '@nestjs/common';
import type { ReferenceIndex, ReferenceList, ReferenceListEntry } from '@ajar/appraisal';
import { DeltaReferenceIndex, FuzzyReferenceIndex, RememberingReferenceIndex } from '@ajar/matching';
import { IndexedListVersion, ReferenceListQueryService } from '../infrastructure/reference-list.query-service';

const PAGE = 5000;
/**
 * Lets timers and I/O run between slices of an index build: a 10^6-entry build takes tens of
 * seconds, longer than BullMQ's job lock, which the event loop must keep renewing.
 */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Tenants whose index a worker process keeps (the least recently used goes first). */
const TENANT_LIMIT = 32;
/** Monitoring indexes kept: one version's additions, used by that version's re-screen batches. */
const MONITORING_LIMIT = 2;
/** A version changing more entries than this is indexed by a rebuild, not as a delta. */
const DELTA_LIMIT = 50_000;
/** The overlay of applied deltas may reach this share of the base before a rebuild folds it in. */
const OVERLAY_SHARE = 0.1;

/** A tenant's index: the versions it is of, and the index once ready. */
interface TenantIndex {
  readonly versions: readonly IndexedListVersion[];
  readonly key: string;
  readonly ready: Promise<ScreeningIndex>;
}

interface ScreeningIndex {
  /** What the next delta is applied to. */
  readonly layered: DeltaReferenceIndex;
  /** What jobs screen against: the same index, remembering its answers. */
  readonly answering: ReferenceIndex;
}

/** How the provider's indexes were made, for logs, tests and benchmarks. */
export interface ReferenceIndexStatistics {
  readonly fullBuilds: number;
  readonly deltasApplied: number;
  readonly tenants: number;
}

const keyOf = (versions: readonly IndexedListVersion[]): string => versions.map((row) => `${row.listId}@${row.version}`).join(',');

/** Whether `current` is of the same lists at the same or later versions than `wanted` (a caller that read the versions just before a swap). */
function covers(current: readonly IndexedListVersion[], wanted: readonly IndexedListVersion[]): boolean {
  return current.length === wanted.length && current.every((row, at) => row.listId === wanted[at].listId && row.version >= wanted[at].version);
}

/**
 * The reference index of each tenant's current list versions, shared by every job of the worker:
 * concurrent jobs await the same index. A new list version is applied to the previous index as a
 * delta (the entries it adds, changes and removes; see `DeltaReferenceIndex`), in seconds whatever
 * the list's size; the index it replaces is dropped from here at once, and lives on only while jobs
 * that started with it run (no job ever mixes versions). A first index, a new or changed list
 * definition, or deltas grown past `OVERLAY_SHARE` of the base are built afresh: entries are read
 * in pages and the index is built in slices, so the event loop (BullMQ's lock renewal, other
 * tenants' screening) keeps going.
 */
@Injectable()
export class ReferenceIndexProvider {
  private readonly logger = new Logger(ReferenceIndexProvider.name);
  private readonly tenants = new Map<string, TenantIndex>();
  private readonly monitoring = new Map<string, Promise<ReferenceIndex>>();
  private fullBuilds = 0;
  private deltasApplied = 0;

  constructor(private readonly lists: ReferenceListQueryService) {}

  async indexFor(tenantId: string): Promise<ReferenceIndex> {
    const versions = await this.lists.currentVersions(tenantId);
    const key = keyOf(versions);
    const current = this.tenants.get(tenantId);
    if (current !== undefined && (current.key === key || covers(current.versions, versions))) {
      // Most recently used last: the first tenant of the map is the one to drop.
      this.tenants.delete(tenantId);
      this.tenants.set(tenantId, current);
      return (await current.ready).answering;
    }
    const next: TenantIndex = { versions, key, ready: this.make(tenantId, versions, current) };
    this.tenants.delete(tenantId);
    this.tenants.set(tenantId, next);
    // A failed index is forgotten; the one before it stays, so the next attempt is a delta again.
    next.ready.catch(() => {
      if (this.tenants.get(tenantId) !== next) return;
      if (current === undefined) this.tenants.delete(tenantId);
      else this.tenants.set(tenantId, current);
    });
    while (this.tenants.size > TENANT_LIMIT) this.tenants.delete(this.tenants.keys().next().value as string);
    return (await next.ready).answering;
  }

  statistics(): ReferenceIndexStatistics {
    return { fullBuilds: this.fullBuilds, deltasApplied: this.deltasApplied, tenants: this.tenants.size };
  }

  /**
   * An index of only what a list version adds or changes against the version before, for
   * monitoring: a case screened against it finds exactly the hits that are new.
   */
  async deltaIndexFor(tenantId: string, listId: string, version: number): Promise<ReferenceIndex> {
    const key = `${tenantId}|${listId}@${version}`;
    let index = this.monitoring.get(key);
    if (index === undefined) {
      index = this.buildDelta(tenantId, listId, version).then((built) => new RememberingReferenceIndex(built));
      this.monitoring.set(key, index);
      index.catch(() => this.monitoring.delete(key));
      while (this.monitoring.size > MONITORING_LIMIT) this.monitoring.delete(this.monitoring.keys().next().value as string);
    }
    return index;
  }

  /** The tenant's index of `versions`: `previous` with the versions' deltas applied when it can be, else a fresh build. */
  private async make(tenantId: string, versions: readonly IndexedListVersion[], previous: TenantIndex | undefined): Promise<ScreeningIndex> {
    let layered: DeltaReferenceIndex | undefined;
    if (previous !== undefined) {
      const from = await previous.ready.catch(() => undefined);
      if (from !== undefined) layered = await this.applyDeltas(tenantId, from.layered, previous.versions, versions);
    }
    if (layered === undefined) layered = DeltaReferenceIndex.of(await this.build(tenantId, versions));
    return { layered, answering: new RememberingReferenceIndex(layered) };
  }

  /** `from` (of `fromVersions`) moved on to `versions` by deltas, or undefined where only a rebuild will do. */
  private async applyDeltas(
    tenantId: string,
    from: DeltaReferenceIndex,
    fromVersions: readonly IndexedListVersion[],
    versions: readonly IndexedListVersion[],
  ): Promise<DeltaReferenceIndex | undefined> {
    if (fromVersions.length !== versions.length) return undefined;
    let index = from;
    for (const [at, row] of versions.entries()) {
      const before = fromVersions[at];
      const sameDefinition = before.listId === row.listId && before.kind === row.kind && JSON.stringify(before.topicSeverity) === JSON.stringify(row.topicSeverity);
      if (!sameDefinition || row.version < before.version) return undefined;
      if (row.version === before.version) continue;
      const started = Date.now();
      const delta = await this.lists.versionDelta(tenantId, row.listId, before.version, row.version, DELTA_LIMIT);
      if (delta === undefined) return undefined;
      const read = Date.now();
      index = await index.next({ listId: row.listId, version: row.version, ...delta }, yieldToEventLoop);
      if (index.overlayEntries > Math.max(DELTA_LIMIT, OVERLAY_SHARE * index.base.nameColumns().entries.length)) return undefined;
      this.deltasApplied++;
      this.logger.log(
        {
          tenantId,
          list: `${row.listId}@${before.version}→${row.version}`,
          upserted: delta.upserted.length,
          removed: delta.removedEntryIds.length,
          overlayEntries: index.overlayEntries,
          readMs: read - started,
          applyMs: Date.now() - read,
        },
        'reference list delta applied',
      );
    }
    return index;
  }

  private async buildDelta(tenantId: string, listId: string, version: number): Promise<ReferenceIndex> {
    const row = await this.lists.version(tenantId, listId, version);
    if (!row) return new FuzzyReferenceIndex([]);
    const listOf = (entries: ReferenceListEntry[]): ReferenceList[] => [
      { listId: row.listId, version: row.version, kind: row.kind, entries, topicSeverity: row.topicSeverity } as ReferenceList,
    ];
    // A small change is read as the difference PostgreSQL computes; a first version or a large
    // change page by page.
    const delta = version > 1 ? await this.lists.versionDelta(tenantId, listId, version - 1, version, DELTA_LIMIT) : undefined;
    if (delta !== undefined) return FuzzyReferenceIndex.build(listOf(delta.upserted), {}, yieldToEventLoop);
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
    return FuzzyReferenceIndex.build(listOf(entries), {}, yieldToEventLoop);
  }

  private async build(tenantId: string, versions: readonly IndexedListVersion[]): Promise<FuzzyReferenceIndex> {
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
    this.fullBuilds++;
    if (lists.length > 0) {
      this.logger.log(
        { tenantId, lists: lists.map((list) => `${list.listId}@${list.version}`), entries: lists.reduce((sum, list) => sum + list.entries.length, 0), ms: Date.now() - started },
        'reference index built',
      );
    }
    return index;
  }
}
