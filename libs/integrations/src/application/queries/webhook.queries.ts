import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@ajar/kernel';
import { webhookId } from '../../domain/integration-event';
import { webhookEndpointNotFound } from '../commands/change-webhook-endpoint/change-webhook-endpoint.handler';
import { toEndpointView, WebhookEndpointRow, WebhookEndpointView } from './webhook-endpoint.view';

const ENDPOINT_COLUMNS = `id, url, description, event_types, state, disabled_reason, failing_since, previous_secret_expires_at, created_at, updated_at`;

export class ListWebhookEndpointsQuery {
  constructor(readonly tenantId: string) {}
}

@QueryHandler(ListWebhookEndpointsQuery)
export class ListWebhookEndpointsHandler implements IQueryHandler<ListWebhookEndpointsQuery, { items: WebhookEndpointView[] }> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: ListWebhookEndpointsQuery): Promise<{ items: WebhookEndpointView[] }> {
    const rows: WebhookEndpointRow[] = await this.dataSource.query(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
      [query.tenantId],
    );
    return { items: rows.map(toEndpointView) };
  }
}

export class GetWebhookEndpointQuery {
  constructor(
    readonly tenantId: string,
    readonly endpointId: string,
  ) {}
}

@QueryHandler(GetWebhookEndpointQuery)
export class GetWebhookEndpointHandler implements IQueryHandler<GetWebhookEndpointQuery, WebhookEndpointView> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: GetWebhookEndpointQuery): Promise<WebhookEndpointView> {
    const rows: WebhookEndpointRow[] = await this.dataSource.query(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`,
      [query.tenantId, query.endpointId],
    );
    if (rows.length === 0) throw webhookEndpointNotFound(query.endpointId);
    return toEndpointView(rows[0]);
  }
}

export interface WebhookAttemptView {
  id: string;
  messageId: string;
  webhookId: string;
  eventType: string;
  deliveryId: string;
  attempt: number;
  attemptedAt: string;
  latencyMs: number;
  status: number | null;
  outcome: string;
  error: string | null;
  responseExcerpt: string | null;
}

export class ListWebhookAttemptsQuery {
  constructor(
    readonly tenantId: string,
    readonly endpointId: string,
    readonly limit: number,
    /** The id of the last attempt of the previous page (newest first). */
    readonly before: string | undefined,
  ) {}
}

/** An endpoint's attempts, newest first, keyset-paginated. */
@QueryHandler(ListWebhookAttemptsQuery)
export class ListWebhookAttemptsHandler implements IQueryHandler<ListWebhookAttemptsQuery, { items: WebhookAttemptView[]; nextCursor: string | null }> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: ListWebhookAttemptsQuery): Promise<{ items: WebhookAttemptView[]; nextCursor: string | null }> {
    const endpoints: unknown[] = await this.dataSource.query(`SELECT 1 FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`, [
      query.tenantId,
      query.endpointId,
    ]);
    if (endpoints.length === 0) throw webhookEndpointNotFound(query.endpointId);
    const rows: {
      id: string;
      message_id: string;
      event_type: string;
      delivery_id: string;
      attempt: number;
      attempted_at: Date;
      latency_ms: number;
      status: number | null;
      outcome: string;
      error: string | null;
      response_excerpt: string | null;
    }[] = await this.dataSource.query(
      `SELECT a.id, a.message_id, m.event_type, a.delivery_id, a.attempt, a.attempted_at, a.latency_ms, a.status, a.outcome, a.error, a.response_excerpt
         FROM webhook_attempts a JOIN webhook_messages m ON m.id = a.message_id
        WHERE a.tenant_id = $1 AND a.endpoint_id = $2 AND ($3::bigint IS NULL OR a.id < $3::bigint)
        ORDER BY a.id DESC LIMIT $4`,
      [query.tenantId, query.endpointId, query.before ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        messageId: row.message_id,
        webhookId: webhookId(row.message_id),
        eventType: row.event_type,
        deliveryId: row.delivery_id,
        attempt: row.attempt,
        attemptedAt: row.attempted_at.toISOString(),
        latencyMs: row.latency_ms,
        status: row.status,
        outcome: row.outcome,
        error: row.error,
        responseExcerpt: row.response_excerpt,
      })),
      nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
    };
  }
}

export interface WebhookMessageView {
  id: string;
  webhookId: string;
  eventType: string;
  createdAt: string;
  /** The exact body sent. */
  payload: unknown;
  deliveries: { id: string; endpointId: string; origin: string; state: string; attempts: number; nextAttemptAt: string | null; lastStatus: number | null; lastError: string | null }[];
}

export class GetWebhookMessageQuery {
  constructor(
    readonly tenantId: string,
    readonly messageId: string,
  ) {}
}

@QueryHandler(GetWebhookMessageQuery)
export class GetWebhookMessageHandler implements IQueryHandler<GetWebhookMessageQuery, WebhookMessageView> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: GetWebhookMessageQuery): Promise<WebhookMessageView> {
    const messages: { id: string; event_type: string; body: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT id, event_type, body, created_at FROM webhook_messages WHERE tenant_id = $1 AND id = $2`,
      [query.tenantId, query.messageId],
    );
    const message = messages[0];
    if (!message) throw new DomainError('WEBHOOK.MESSAGE_NOT_FOUND', `Webhook message ${query.messageId} was not found.`, 'not_found');
    const deliveries: {
      id: string;
      endpoint_id: string;
      origin: string;
      state: string;
      attempts: number;
      next_attempt_at: Date | null;
      last_status: number | null;
      last_error: string | null;
    }[] = await this.dataSource.query(
      `SELECT id, endpoint_id, origin, state, attempts, next_attempt_at, last_status, last_error FROM webhook_deliveries
        WHERE tenant_id = $1 AND message_id = $2 ORDER BY created_at, id`,
      [query.tenantId, query.messageId],
    );
    return {
      id: message.id,
      webhookId: webhookId(message.id),
      eventType: message.event_type,
      createdAt: message.created_at.toISOString(),
      payload: JSON.parse(message.body) as unknown,
      deliveries: deliveries.map((row) => ({
        id: row.id,
        endpointId: row.endpoint_id,
        origin: row.origin,
        state: row.state,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
        lastStatus: row.last_status,
        lastError: row.last_error,
      })),
    };
  }
}
