import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CaseNotFound } from '../../domain/case.errors';
import { CaseQueryService } from '../../infrastructure/case.query-service';
import { CaseView, toCaseView } from './case.view';

export class GetCaseQuery extends Query<CaseView> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
  ) {
    super();
  }
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseView> {
  constructor(private readonly cases: CaseQueryService) {}

  async execute(query: GetCaseQuery): Promise<CaseView> {
    const row = await this.cases.view(query.tenantId, query.caseId);
    if (!row) throw new CaseNotFound(query.caseId);
    return toCaseView(row);
  }
}
