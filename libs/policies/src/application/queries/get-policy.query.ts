import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { PolicyQueryService } from '../../infrastructure/policy.query-service';

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
  constructor(private readonly policies: PolicyQueryService) {}

  async execute(query: GetPolicyQuery): Promise<PolicyView> {
    const versions = await this.policies.versionsOf(query.tenantId, query.name);
    const current = versions[0];
    if (!current) throw new DomainError('POLICY.NOT_FOUND', `Policy "${query.name}" was not found.`, 'not_found');
    return {
      name: query.name,
      currentVersion: current.currentVersion,
      // The query service gives the document and effective policy with the current version, the first.
      current: { version: current.version, document: current.document ?? {}, effective: current.effective ?? {}, createdAt: current.createdAt.toISOString() },
      history: versions.map((version) => ({ version: version.version, createdAt: version.createdAt.toISOString() })),
    };
  }
}
