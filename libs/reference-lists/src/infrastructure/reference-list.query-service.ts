import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReferenceList, ReferenceListEntry } from '@ajar/appraisal';

export interface ReferenceListSummaryRecord {
  listId: string;
  kind: string;
  description: string | null;
  topicSeverity: Record<string, string>;
  currentVersion: number;
  entryCount: number;
}

export interface ListVersionRecord {
  version: number;
  entryCount: number;
  diff: { added: number; removed: number; changed: number };
  monitoring: { casesToScreen: number; casesScreened: number; alerts: number };
  createdAt: Date;
}

/** A list version as the screening index needs it (without its entries). */
export interface IndexedListVersion {
  listId: string;
  version: number;
  kind: ReferenceList['kind'];
  topicSeverity: Record<string, string>;
}

/** What a version changes against an earlier one: entries added or changed (as they now read), ids removed. */
export interface StoredVersionDelta {
  upserted: ReferenceListEntry[];
  removedEntryIds: string[];
}

export interface StoredListEntry {
  entryId: string;
  entry: ReferenceListEntry;
}

interface ListRow {
  list_id: string;
  kind: string;
  description: string | null;
  topic_severity: Record<string, string>;
  current_version: number;
  entry_count: number | null;
}

interface ListVersionRow {
  list_id: string;
  version: number;
  kind: ReferenceList['kind'];
  topic_severity: Record<string, string>;
}

const SUMMARY = `SELECT l.list_id, l.kind, l.description, l.topic_severity, l.current_version, v.entry_count
                   FROM reference_lists l
                   LEFT JOIN reference_list_versions v ON v.tenant_id = l.tenant_id AND v.list_id = l.list_id AND v.version = l.current_version`;

const summary = (row: ListRow): ReferenceListSummaryRecord => ({
  listId: row.list_id,
  kind: row.kind,
  description: row.description,
  topicSeverity: row.topic_severity,
  currentVersion: row.current_version,
  entryCount: row.entry_count ?? 0,
});

const indexed = (row: ListVersionRow): IndexedListVersion => ({ listId: row.list_id, version: row.version, kind: row.kind, topicSeverity: row.topic_severity });

/**
 * Reads of lists, versions and entries: for the API and for the screening index. Raw SQL:
 * `DISTINCT ON` and keyset pages over the entries' primary key, which the query builder spells no
 * clearer.
 */
@Injectable()
export class ReferenceListQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lists(tenantId: string): Promise<ReferenceListSummaryRecord[]> {
    const rows: ListRow[] = await this.dataSource.query(`${SUMMARY} WHERE l.tenant_id = $1 ORDER BY l.list_id`, [tenantId]);
    return rows.map(summary);
  }

  async list(tenantId: string, listId: string): Promise<ReferenceListSummaryRecord | undefined> {
    const rows: ListRow[] = await this.dataSource.query(`${SUMMARY} WHERE l.tenant_id = $1 AND l.list_id = $2`, [tenantId, listId]);
    return rows[0] ? summary(rows[0]) : undefined;
  }

  /** A list's versions, newest first. */
  async versions(tenantId: string, listId: string): Promise<ListVersionRecord[]> {
    const rows: {
      version: number;
      entry_count: number;
      diff: { added: number; removed: number; changed: number };
      monitoring_total: number;
      monitoring_done: number;
      monitoring_alerts: number;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT version, entry_count, diff, monitoring_total, monitoring_done, monitoring_alerts, created_at
         FROM reference_list_versions WHERE tenant_id = $1 AND list_id = $2 ORDER BY version DESC`,
      [tenantId, listId],
    );
    return rows.map((row) => ({
      version: row.version,
      entryCount: row.entry_count,
      diff: row.diff,
      monitoring: { casesToScreen: row.monitoring_total, casesScreened: row.monitoring_done, alerts: row.monitoring_alerts },
      createdAt: row.created_at,
    }));
  }

  /** The latest version of each of the tenant's lists. */
  async currentVersions(tenantId: string): Promise<IndexedListVersion[]> {
    const rows: ListVersionRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (list_id) list_id, version, kind, topic_severity
         FROM reference_list_versions WHERE tenant_id = $1 ORDER BY list_id, version DESC`,
      [tenantId],
    );
    return rows.map(indexed);
  }

  async version(tenantId: string, listId: string, version: number): Promise<IndexedListVersion | undefined> {
    const rows: ListVersionRow[] = await this.dataSource.query(
      `SELECT list_id, version, kind, topic_severity FROM reference_list_versions WHERE tenant_id = $1 AND list_id = $2 AND version = $3`,
      [tenantId, listId, version],
    );
    return rows[0] ? indexed(rows[0]) : undefined;
  }

  /** A page of a version's entries after `after`, in entry id order (a primary-key range). */
  async entriesPage(tenantId: string, listId: string, version: number, after: string, limit: number): Promise<StoredListEntry[]> {
    const rows: { entry_id: string; entry: ReferenceListEntry }[] = await this.dataSource.query(
      `SELECT entry_id, entry FROM reference_list_entries
        WHERE tenant_id = $1 AND list_id = $2 AND version = $3 AND entry_id > $4
        ORDER BY entry_id LIMIT $5`,
      [tenantId, listId, version, after, limit],
    );
    return rows.map((row) => ({ entryId: row.entry_id, entry: row.entry }));
  }

  /** The entries of a version with these ids (primary-key lookups). */
  async entries(tenantId: string, listId: string, version: number, entryIds: string[]): Promise<StoredListEntry[]> {
    const rows: { entry_id: string; entry: ReferenceListEntry }[] = await this.dataSource.query(
      `SELECT entry_id, entry FROM reference_list_entries WHERE tenant_id = $1 AND list_id = $2 AND version = $3 AND entry_id = ANY($4::text[])`,
      [tenantId, listId, version, entryIds],
    );
    return rows.map((row) => ({ entryId: row.entry_id, entry: row.entry }));
  }

  /**
   * The entries `version` adds or changes against `previous` and the ids it drops, or undefined
   * when there are more than `limit` (a rebuild is cheaper then). One full join of both versions
   * in PostgreSQL over the primary key (as the publish's count): only the differences come to Node.
   */
  async versionDelta(tenantId: string, listId: string, previous: number, version: number, limit: number): Promise<StoredVersionDelta | undefined> {
    const rows: { entry_id: string; entry: ReferenceListEntry | null }[] = await this.dataSource.query(
      `SELECT coalesce(n.entry_id, o.entry_id) AS entry_id, n.entry
         FROM (SELECT entry_id, entry FROM reference_list_entries WHERE tenant_id = $1 AND list_id = $2 AND version = $3) n
         FULL JOIN (SELECT entry_id, entry FROM reference_list_entries WHERE tenant_id = $1 AND list_id = $2 AND version = $4) o
           ON o.entry_id = n.entry_id
        WHERE n.entry_id IS NULL OR o.entry_id IS NULL OR n.entry <> o.entry
        LIMIT $5`,
      [tenantId, listId, version, previous, limit + 1],
    );
    if (rows.length > limit) return undefined;
    const delta: StoredVersionDelta = { upserted: [], removedEntryIds: [] };
    for (const row of rows) {
      if (row.entry === null) delta.removedEntryIds.push(row.entry_id);
      else delta.upserted.push(row.entry);
    }
    return delta;
  }
}
