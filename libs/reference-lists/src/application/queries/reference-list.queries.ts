import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { ReferenceListQueryService } from '../../infrastructure/reference-list.query-service';

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

export class ListReferenceListsQuery extends Query<{ items: ReferenceListSummary[] }> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(ListReferenceListsQuery)
export class ListReferenceListsHandler implements IQueryHandler<ListReferenceListsQuery, { items: ReferenceListSummary[] }> {
  constructor(private readonly lists: ReferenceListQueryService) {}

  async execute(query: ListReferenceListsQuery): Promise<{ items: ReferenceListSummary[] }> {
    return { items: await this.lists.lists(query.tenantId) };
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
  constructor(private readonly lists: ReferenceListQueryService) {}

  async execute(query: GetReferenceListQuery): Promise<ReferenceListDetail> {
    const list = await this.lists.list(query.tenantId, query.listId);
    if (!list) throw new DomainError('LIST.NOT_FOUND', `List "${query.listId}" was not found.`, 'not_found');
    const versions = await this.lists.versions(query.tenantId, query.listId);
    return { ...list, versions: versions.map((version) => ({ ...version, createdAt: version.createdAt.toISOString() })) };
  }
}
