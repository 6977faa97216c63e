import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { InboundIntegrationView, InboundLogEntry, InboundQueryService } from '../../infrastructure/inbound.query-service';

export type { InboundIntegrationView, InboundLogEntry } from '../../infrastructure/inbound.query-service';

export function integrationNotFound(id: string): DomainError {
  return new DomainError('INTEGRATION.NOT_FOUND', `Integration ${id} was not found.`, 'not_found');
}

export class ListInboundIntegrationsQuery {
  constructor(readonly tenantId: string) {}
}

@QueryHandler(ListInboundIntegrationsQuery)
export class ListInboundIntegrationsHandler implements IQueryHandler<ListInboundIntegrationsQuery, { items: InboundIntegrationView[] }> {
  constructor(private readonly inbound: InboundQueryService) {}

  async execute(query: ListInboundIntegrationsQuery): Promise<{ items: InboundIntegrationView[] }> {
    return { items: await this.inbound.integrations(query.tenantId) };
  }
}

export class GetInboundLogQuery {
  constructor(
    readonly tenantId: string,
    readonly integrationId: string,
    readonly limit: number,
    readonly before: string | undefined,
  ) {}
}

/** What arrived from an integration and what became of it, newest first. */
@QueryHandler(GetInboundLogQuery)
export class GetInboundLogHandler implements IQueryHandler<GetInboundLogQuery, { items: InboundLogEntry[]; nextCursor: string | null }> {
  constructor(private readonly inbound: InboundQueryService) {}

  async execute(query: GetInboundLogQuery): Promise<{ items: InboundLogEntry[]; nextCursor: string | null }> {
    const log = await this.inbound.log(query.tenantId, query.integrationId, query.limit, query.before);
    if (!log) throw integrationNotFound(query.integrationId);
    return log;
  }
}
