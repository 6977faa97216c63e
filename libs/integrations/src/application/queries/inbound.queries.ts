import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@ajar/kernel';

export interface InboundIntegrationView {
  id: string;
  name: string;
  state: 'enabled' | 'disabled';
  /** Where its system posts, relative to the API's base URL. */
  inboundPath: string;
  createdAt: string;
}

export interface InboundIntegrationRow {
  id: string;
  name: string;
  state: 'enabled' | 'disabled';
  created_at: Date;
}

export function toIntegrationView(row: InboundIntegrationRow): InboundIntegrationView {
  return { id: row.id, name: row.name, state: row.state, inboundPath: `/v1/inbound/${row.id}`, createdAt: row.created_at.toISOString() };
}

export function integrationNotFound(id: string): DomainError {
  return new DomainError('INTEGRATION.NOT_FOUND', `Integration ${id} was not found.`, 'not_found');
}

export class ListInboundIntegrationsQuery {
  constructor(readonly tenantId: string) {}
}

@QueryHandler(ListInboundIntegrationsQuery)
export class ListInboundIntegrationsHandler implements IQueryHandler<ListInboundIntegrationsQuery, { items: InboundIntegrationView[] }> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: ListInboundIntegrationsQuery): Promise<{ items: InboundIntegrationView[] }> {
    const rows: InboundIntegrationRow[] = await this.dataSource.query(
      `SELECT id, name, state, created_at FROM inbound_integrations WHERE tenant_id = $1 ORDER BY created_at, id`,
      [query.tenantId],
    );
    return { items: rows.map(toIntegrationView) };
  }
}

export interface InboundLogEntry {
  id: string;
  webhookId: string;
  type: string | null;
  receivedAt: string;
  /** The status answered (and answered again to a redelivery). */
  status: number;
  /** `processing` while the message is being handled. */
  outcome: 'accepted' | 'refused' | 'processing';
  caseId: string | null;
  /** The answer given: the case's id and state, or the problem document. */
  response: Record<string, unknown>;
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: GetInboundLogQuery): Promise<{ items: InboundLogEntry[]; nextCursor: string | null }> {
    const owned: unknown[] = await this.dataSource.query(`SELECT 1 FROM inbound_integrations WHERE tenant_id = $1 AND id = $2`, [query.tenantId, query.integrationId]);
    if (owned.length === 0) throw integrationNotFound(query.integrationId);
    const rows: { id: string; webhook_id: string; type: string | null; received_at: Date; status: number; case_id: string | null; response: Record<string, unknown> }[] =
      await this.dataSource.query(
        `SELECT id, webhook_id, type, received_at, status, case_id, response FROM inbound_messages
          WHERE tenant_id = $1 AND integration_id = $2 AND ($3::uuid IS NULL OR id < $3::uuid)
          ORDER BY id DESC LIMIT $4`,
        [query.tenantId, query.integrationId, query.before ?? null, query.limit + 1],
      );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        webhookId: row.webhook_id,
        type: row.type,
        receivedAt: row.received_at.toISOString(),
        status: row.status,
        outcome: row.status === 0 ? 'processing' : row.status < 300 ? 'accepted' : 'refused',
        caseId: row.case_id,
        response: row.response,
      })),
      nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
    };
  }
}
