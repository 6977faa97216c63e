import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import type { ReferenceListEntry } from '@ajar/appraisal';
import { uuidv7 } from '@ajar/database';
import { currentEventContext, EventStore, StoredEvent } from '@ajar/event-store';
import { Queues } from '@ajar/messaging';
import type { Actor } from '@ajar/observability';
import { Outbox } from '@ajar/outbox';

export const REFERENCE_LIST_STREAM = 'reference-list';

export interface ListDefinitionToStore {
  tenantId: string;
  listId: string;
  kind: string;
  topicSeverity: Record<string, string>;
  description: string | null;
}

/** The list as it stands before a change, locked for the change's transaction. */
export interface LockedList {
  id: string;
  kind: string;
  topicSeverity: Record<string, string>;
  currentVersion: number;
  streamVersion: number;
}

export interface VersionDiff {
  added: number;
  removed: number;
  changed: number;
}

/**
 * The writes of one new list version, all in the transaction `ReferenceListRepository.publish`
 * opened: nothing is visible unless the whole version commits.
 */
export class ListVersionDraft {
  constructor(
    private readonly runner: QueryRunner,
    private readonly events: EventStore,
    private readonly outbox: Outbox,
    readonly tenantId: string,
    readonly listId: string,
    readonly list: LockedList,
  ) {}

  get version(): number {
    return this.list.currentVersion + 1;
  }

  /** Raw SQL: one multi-row INSERT per batch, the fastest way in for large uploads. */
  async addEntries(entries: ReferenceListEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const values = entries.map((_, index) => `($1, $2, $3, $${index * 2 + 4}, $${index * 2 + 5})`).join(', ');
    await this.runner.query(`INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry) VALUES ${values}`, [
      this.tenantId,
      this.listId,
      this.version,
      ...entries.flatMap((entry) => [entry.entryId, JSON.stringify(entry)]),
    ]);
  }

  async entryCountOf(version: number): Promise<number> {
    const [{ entry_count: count }]: { entry_count: number }[] = await this.runner.query(
      `SELECT entry_count FROM reference_list_versions WHERE tenant_id = $1 AND list_id = $2 AND version = $3`,
      [this.tenantId, this.listId, version],
    );
    return count;
  }

  /** Counted in PostgreSQL (a full join of both versions' entries): the entries never come to Node. */
  async diffAgainst(previous: number): Promise<VersionDiff> {
    const [counted]: VersionDiff[] = await this.runner.query(
      `SELECT count(*) FILTER (WHERE o.entry_id IS NULL)::int AS added,
              count(*) FILTER (WHERE n.entry_id IS NULL)::int AS removed,
              count(*) FILTER (WHERE n.entry_id IS NOT NULL AND o.entry_id IS NOT NULL AND n.entry <> o.entry)::int AS changed
         FROM (SELECT entry_id, entry FROM reference_list_entries WHERE tenant_id = $1 AND list_id = $2 AND version = $3) n
         FULL JOIN (SELECT entry_id, entry FROM reference_list_entries WHERE tenant_id = $1 AND list_id = $2 AND version = $4) o
           ON o.entry_id = n.entry_id`,
      [this.tenantId, this.listId, this.version, previous],
    );
    return counted;
  }

  /** Records the version, moves the list on to it and appends its event; returns the event. */
  async record(entryCount: number, diff: VersionDiff, createdAt: Date, actor: Actor): Promise<StoredEvent> {
    await this.runner.query(
      `INSERT INTO reference_list_versions (tenant_id, list_id, version, kind, topic_severity, entry_count, diff, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [this.tenantId, this.listId, this.version, this.list.kind, JSON.stringify(this.list.topicSeverity), entryCount, JSON.stringify(diff), createdAt],
    );
    await this.runner.query(`UPDATE reference_lists SET current_version = $2, stream_version = stream_version + 1 WHERE id = $1`, [this.list.id, this.version]);
    const [updated] = await this.events.append(
      this.runner.manager,
      {
        tenantId: this.tenantId,
        streamType: REFERENCE_LIST_STREAM,
        streamId: this.list.id,
        expectedVersion: this.list.streamVersion,
        events: [{ type: 'ReferenceListUpdated', payload: { listId: this.listId, version: this.version, entryCount, diff } }],
      },
      currentEventContext(actor),
    );
    return updated;
  }

  /** Asks the worker to re-screen cases against what this version adds or changes. */
  async queueMonitoring(event: StoredEvent): Promise<void> {
    await this.outbox.add(this.runner.manager, [
      {
        tenantId: this.tenantId,
        eventId: event.id,
        destination: Queues.Monitoring,
        type: 'reference_list.updated.v1',
        correlationId: String(event.metadata.correlationId),
        data: { listId: this.listId, version: this.version },
      },
    ]);
  }
}

/**
 * Reference lists and their immutable versions. Raw SQL: creating a list on first use
 * (`ON CONFLICT DO NOTHING`), locking it (`FOR UPDATE`) and the bulk entry writes of an upload.
 */
@Injectable()
export class ReferenceListRepository {
  private readonly logger = new Logger(ReferenceListRepository.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Creates the list or changes its definition, with its event: one transaction. `allowed` sees
   * the list as it stood (locked) and throws to refuse the change.
   */
  async define(definition: ListDefinitionToStore, actor: Actor, allowed: (current: LockedList) => void): Promise<LockedList> {
    return this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO reference_lists (id, tenant_id, list_id, kind, topic_severity, description, current_version, stream_version, created_at)
         VALUES ($1, $2, $3, $4, '{}', NULL, 0, 0, now()) ON CONFLICT (tenant_id, list_id) DO NOTHING`,
        [uuidv7(), definition.tenantId, definition.listId, definition.kind],
      );
      const list = await this.lock((sql, parameters) => em.query(sql, parameters), definition.tenantId, definition.listId);
      if (!list) throw new Error(`reference list ${definition.listId} vanished in its own transaction`);
      allowed(list);
      await em.query(`UPDATE reference_lists SET kind = $2, topic_severity = $3, description = $4, stream_version = stream_version + 1 WHERE id = $1`, [
        list.id,
        definition.kind,
        JSON.stringify(definition.topicSeverity),
        definition.description,
      ]);
      await this.events.append(
        em,
        {
          tenantId: definition.tenantId,
          streamType: REFERENCE_LIST_STREAM,
          streamId: list.id,
          expectedVersion: list.streamVersion,
          events: [{ type: 'ReferenceListDefined', payload: { listId: definition.listId, kind: definition.kind, topicSeverity: definition.topicSeverity } }],
        },
        currentEventContext(actor),
      );
      return list;
    });
  }

  /**
   * Runs `build` with a draft of the list's next version inside one transaction (a query runner:
   * the upload streams through it), committed only if `build` returns. `build` gets undefined for
   * a list that is not defined.
   */
  async publish<T>(tenantId: string, listId: string, build: (draft: ListVersionDraft | undefined) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let result: T;
    try {
      const list = await this.lock((sql, parameters) => runner.query(sql, parameters), tenantId, listId);
      result = await build(list ? new ListVersionDraft(runner, this.events, this.outbox, tenantId, listId, list) : undefined);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    await this.refreshStatistics();
    return result;
  }

  private async lock(
    query: (sql: string, parameters: unknown[]) => Promise<{ id: string; kind: string; topic_severity: Record<string, string>; current_version: number; stream_version: number }[]>,
    tenantId: string,
    listId: string,
  ): Promise<LockedList | undefined> {
    const [row] = await query(
      `SELECT id, kind, topic_severity, current_version, stream_version FROM reference_lists WHERE tenant_id = $1 AND list_id = $2 FOR UPDATE`,
      [tenantId, listId],
    );
    return row ? { id: row.id, kind: row.kind, topicSeverity: row.topic_severity, currentVersion: row.current_version, streamVersion: row.stream_version } : undefined;
  }

  /**
   * Planner statistics that count the new version at once (autovacuum gets there later, or never
   * where it is off): a large upload changes the table's size by orders of magnitude. A failure
   * here loses nothing.
   */
  private async refreshStatistics(): Promise<void> {
    try {
      await this.dataSource.query(`ANALYZE reference_list_entries`);
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'could not analyse reference_list_entries after an upload');
    }
  }
}
