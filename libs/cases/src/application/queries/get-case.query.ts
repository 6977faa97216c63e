import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseNotFound } from '../../domain/case.errors';
import { CaseRow, CaseView, toCaseView } from './case.view';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: GetCaseQuery): Promise<CaseView> {
    const rows: CaseRow[] = await this.dataSource.query(`SELECT * FROM cases WHERE tenant_id = $1 AND id = $2`, [
      query.tenantId,
      query.caseId,
    ]);
    if (!rows[0]) throw new CaseNotFound(query.caseId);
    return toCaseView(rows[0]);
  }
}
