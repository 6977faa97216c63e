import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CaseListFilters, CaseQueryService } from '../../infrastructure/case.query-service';
import { encodeCursor } from './case-cursor';
import { CaseSummaryView, toSummaryView } from './case.view';

export type CaseFilters = CaseListFilters;

export interface CasePage {
  items: CaseSummaryView[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export class ListCasesQuery extends Query<CasePage> {
  constructor(
    readonly tenantId: string,
    readonly filters: CaseFilters,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

/** Newest first, keyset-paginated on (created_at, id), always within the caller's tenant. */
@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery, CasePage> {
  constructor(private readonly cases: CaseQueryService) {}

  async execute(query: ListCasesQuery): Promise<CasePage> {
    const rows = await this.cases.page(query.tenantId, query.filters, query.limit, query.cursor);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toSummaryView),
      nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }
}
