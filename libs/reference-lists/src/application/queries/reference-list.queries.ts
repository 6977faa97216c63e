import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@ajar/kernel';

export interface ReferenceListSummary {
  listId: string;
  kind: string;
  description: string | null;
  topicSeverity: Record<string, string>;
  currentVersion: number;
  entryCount: number;
}

export interface ReferenceListDetail extends ReferenceListSummary {
  versions: {
    version: number;
    entryCount: number;
    diff: { added: number; removed: number; changed: number };
    monitoring: { casesToScreen: number; casesScreened: number; alerts: number };
    createdAt: string;
  }[];
}

interface ListRow {
  list_id: string;
  kind: string;
  description: string | null;
  topic_severity: Record<string, string>;
  current_version: number;
  entry_count: number | null;
}

const SUMMARY = `SELECT l.list_id, l.kind, l.description, l.topic_severity, l.current_version, v.entry_count
                   FROM reference_lists l
                   LEFT JOIN reference_list_versions v ON v.tenant_id = l.tenant_id AND v.list_id = l.list_id AND v.version = l.current_version`;

function summary(row: ListRow): ReferenceListSummary {
  return {
    listId: row.list_id,
    kind: row.kind,
    description: row.description,
    topicSeverity: row.topic_severity,
    currentVersion: row.current_version,
    entryCount: row.entry_count ?? 0,
  };
}

export class ListReferenceListsQuery extends Query<{ items: ReferenceListSummary[] }> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(ListReferenceListsQuery)
export class ListReferenceListsHandler implements IQueryHandler<ListReferenceListsQuery, { items: ReferenceListSummary[] }> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: ListReferenceListsQuery): Promise<{ items: ReferenceListSummary[] }> {
    const rows: ListRow[] = await this.dataSource.query(`${SUMMARY} WHERE l.tenant_id = $1 ORDER BY l.list_id`, [query.tenantId]);
    return { items: rows.map(summary) };
  }
}

export class GetReferenceListQuery extends Query<ReferenceListDetail> {
  constructor(
    readonly tenantId: string,
    readonly listId: string,
  ) {
    super();
  }
}

@QueryHandler(GetReferenceListQuery)
export class GetReferenceListHandler implements IQueryHandler<GetReferenceListQuery, ReferenceListDetail> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: GetReferenceListQuery): Promise<ReferenceListDetail> {
    const rows: ListRow[] = await this.dataSource.query(`${SUMMARY} WHERE l.tenant_id = $1 AND l.list_id = $2`, [query.tenantId, query.listId]);
    if (!rows[0]) throw new DomainError('LIST.NOT_FOUND', `List "${query.listId}" was not found.`, 'not_found');
    const versions: {
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
        [query.tenantId, query.listId],
      );
    return {
      ...summary(rows[0]),
      versions: versions.map((row) => ({
        version: row.version,
        entryCount: row.entry_count,
        diff: row.diff,
        monitoring: { casesToScreen: row.monitoring_total, casesScreened: row.monitoring_done, alerts: row.monitoring_alerts },
        createdAt: row.created_at.toISOString(),
      })),
    };
  }
}
