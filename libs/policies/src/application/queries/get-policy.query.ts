import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@ajar/kernel';

export interface PolicyView {
  name: string;
  currentVersion: number;
  current: { version: number; document: Record<string, unknown>; effective: Record<string, unknown>; createdAt: string };
  history: { version: number; createdAt: string }[];
}

export class GetPolicyQuery extends Query<PolicyView> {
  constructor(
    readonly tenantId: string,
    readonly name: string,
  ) {
    super();
  }
}

@QueryHandler(GetPolicyQuery)
export class GetPolicyHandler implements IQueryHandler<GetPolicyQuery, PolicyView> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: GetPolicyQuery): Promise<PolicyView> {
    const versions: { version: number; document: Record<string, unknown>; effective: Record<string, unknown>; created_at: Date; current_version: number }[] =
      await this.dataSource.query(
        `SELECT v.version, v.created_at, p.current_version,
                CASE WHEN v.version = p.current_version THEN v.document END AS document,
                CASE WHEN v.version = p.current_version THEN v.effective END AS effective
           FROM policies p JOIN policy_versions v ON v.policy_id = p.id
          WHERE p.tenant_id = $1 AND p.name = $2 ORDER BY v.version DESC`,
        [query.tenantId, query.name],
      );
    const current = versions[0];
    if (!current) throw new DomainError('POLICY.NOT_FOUND', `Policy "${query.name}" was not found.`, 'not_found');
    return {
      name: query.name,
      currentVersion: current.current_version,
      current: { version: current.version, document: current.document, effective: current.effective, createdAt: current.created_at.toISOString() },
      history: versions.map((version) => ({ version: version.version, createdAt: version.created_at.toISOString() })),
    };
  }
}
