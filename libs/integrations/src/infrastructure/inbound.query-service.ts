import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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

/** Read models of inbound integrations and what arrived from them, for the API. Never a secret. */
@Injectable()
export class InboundQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async integrations(tenantId: string): Promise<InboundIntegrationView[]> {
    const rows: InboundIntegrationRow[] = await this.dataSource.query(
      `SELECT id, name, state, created_at FROM inbound_integrations WHERE tenant_id = $1 ORDER BY created_at, id`,
      [tenantId],
    );
    return rows.map(toIntegrationView);
  }

  /** What arrived from an integration, newest first, keyset-paginated; undefined for an integration the tenant does not have. */
  async log(tenantId: string, integrationId: string, limit: number, before: string | undefined): Promise<{ items: InboundLogEntry[]; nextCursor: string | null } | undefined> {
    const owned: unknown[] = await this.dataSource.query(`SELECT 1 FROM inbound_integrations WHERE tenant_id = $1 AND id = $2`, [tenantId, integrationId]);
    if (owned.length === 0) return undefined;
    const rows: { id: string; webhook_id: string; type: string | null; received_at: Date; status: number; case_id: string | null; response: Record<string, unknown> }[] =
      await this.dataSource.query(
        `SELECT id, webhook_id, type, received_at, status, case_id, response FROM inbound_messages
          WHERE tenant_id = $1 AND integration_id = $2 AND ($3::uuid IS NULL OR id < $3::uuid)
          ORDER BY id DESC LIMIT $4`,
        [tenantId, integrationId, before ?? null, limit + 1],
      );
    const page = rows.slice(0, limit);
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
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
