import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@ajar/kernel';
import type { OpenedCall } from '../commands/open-call/open-call.command';

export class GetCallQuery extends Query<OpenedCall> {
  constructor(
    readonly tenantId: string,
    readonly callId: string,
  ) {
    super();
  }
}

@QueryHandler(GetCallQuery)
export class GetCallHandler implements IQueryHandler<GetCallQuery, OpenedCall> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: GetCallQuery): Promise<OpenedCall> {
    const rows: { id: string; title: string; external_ref: string | null; policy_name: string; policy_version: number; created_at: Date }[] =
      await this.dataSource.query(`SELECT * FROM calls WHERE tenant_id = $1 AND id = $2`, [query.tenantId, query.callId]);
    const call = rows[0];
    if (!call) throw new DomainError('CALL.NOT_FOUND', `Call ${query.callId} was not found.`, 'not_found');
    return {
      id: call.id,
      title: call.title,
      externalRef: call.external_ref,
      policy: { name: call.policy_name, version: call.policy_version },
      createdAt: call.created_at.toISOString(),
    };
  }
}
