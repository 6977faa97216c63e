import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { webhookId } from '../domain/integration-event';
import { toEndpointView, WebhookEndpointRow, WebhookEndpointView } from '../application/queries/webhook-endpoint.view';

const ENDPOINT_COLUMNS = `id, url, description, event_types, state, disabled_reason, failing_since, previous_secret_expires_at, created_at, updated_at`;

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

export interface WebhookMessageView {
  id: string;
  webhookId: string;
  eventType: string;
  createdAt: string;
  /** The exact body sent. */
  payload: unknown;
  deliveries: { id: string; endpointId: string; origin: string; state: string; attempts: number; nextAttemptAt: string | null; lastStatus: number | null; lastError: string | null }[];
}

/** A page of a keyset-paginated list, newest first. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Read models of webhook endpoints, messages and attempts, for the API. Never a secret. */
@Injectable()
export class WebhookQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async endpoints(tenantId: string): Promise<WebhookEndpointView[]> {
    const rows: WebhookEndpointRow[] = await this.dataSource.query(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
      [tenantId],
    );
    return rows.map(toEndpointView);
  }

  async endpoint(tenantId: string, endpointId: string): Promise<WebhookEndpointView | undefined> {
    const rows: WebhookEndpointRow[] = await this.dataSource.query(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`,
      [tenantId, endpointId],
    );
    return rows[0] ? toEndpointView(rows[0]) : undefined;
  }

  /** An endpoint's attempts, newest first, keyset-paginated on the attempt id; undefined for an unknown endpoint. */
  async attempts(tenantId: string, endpointId: string, limit: number, before: string | undefined): Promise<Page<WebhookAttemptView> | undefined> {
    const endpoints: unknown[] = await this.dataSource.query(`SELECT 1 FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`, [
      tenantId,
      endpointId,
    ]);
    if (endpoints.length === 0) return undefined;
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
      [tenantId, endpointId, before ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
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
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  async message(tenantId: string, messageId: string): Promise<WebhookMessageView | undefined> {
    const messages: { id: string; event_type: string; body: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT id, event_type, body, created_at FROM webhook_messages WHERE tenant_id = $1 AND id = $2`,
      [tenantId, messageId],
    );
    const message = messages[0];
    if (!message) return undefined;
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
      [tenantId, messageId],
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
