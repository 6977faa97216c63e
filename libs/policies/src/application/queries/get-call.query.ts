import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { PolicyQueryService } from '../../infrastructure/policy.query-service';
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
  constructor(private readonly policies: PolicyQueryService) {}

  async execute(query: GetCallQuery): Promise<OpenedCall> {
    const call = await this.policies.findCall(query.tenantId, query.callId);
    if (!call) throw new DomainError('CALL.NOT_FOUND', `Call ${query.callId} was not found.`, 'not_found');
    return {
      id: call.id,
      title: call.title,
      externalRef: call.externalRef,
      policy: { name: call.policyName, version: call.policyVersion },
      createdAt: call.createdAt.toISOString(),
    };
  }
}
