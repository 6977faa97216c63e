import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentEventContext, EventFeedQueryService, EventStore, PendingEvent } from '@ajar/event-store';
import type { Actor } from '@ajar/observability';
import { toEndpointView, WebhookEndpointRow, WebhookEndpointView } from '../application/queries/webhook-endpoint.view';

export const WEBHOOK_ENDPOINT_STREAM = 'webhook-endpoint';

export interface NewWebhookEndpoint {
  id: string;
  tenantId: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  secret: string;
}

/** A change of an endpoint's state, as the repository writes it. */
export type EndpointStateChange = { kind: 'disable'; reason: string } | { kind: 'enable' } | { kind: 'delete' };

/** What a change decides given the endpoint as it stands (locked): the change and its event, or nothing. */
export type EndpointChangeDecision = (current: WebhookEndpointRow) => { change: EndpointStateChange; event: PendingEvent } | undefined;

/**
 * Webhook endpoints and their event stream; every change locks the endpoint (`FOR UPDATE`) and
 * appends its event in the same transaction. Raw SQL: relative updates (`version + 1`) with
 * `RETURNING` and interval arithmetic in the database's clock.
 */
@Injectable()
export class WebhookEndpointRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
    private readonly feed: EventFeedQueryService,
  ) {}

  /**
   * Stores the endpoint with its event. The tenant's fan-out cursor starts at its chain head (if
   * it has none yet): an endpoint receives what happens from its creation on.
   */
  async create(endpoint: NewWebhookEndpoint, event: PendingEvent, actor: Actor): Promise<WebhookEndpointView> {
    return this.dataSource.transaction(async (em) => {
      const rows: WebhookEndpointRow[] = await em.query(
        `INSERT INTO webhook_endpoints (id, tenant_id, url, description, event_types, state, secret, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'enabled', $6, 1, now(), now()) RETURNING *`,
        [endpoint.id, endpoint.tenantId, endpoint.url, endpoint.description, endpoint.eventTypes, endpoint.secret],
      );
      const head = await this.feed.headSequence(endpoint.tenantId, em);
      if (head !== undefined) {
        await em.query(`INSERT INTO webhook_cursors (tenant_id, sequence) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [endpoint.tenantId, head]);
      }
      await this.events.append(
        em,
        { tenantId: endpoint.tenantId, streamType: WEBHOOK_ENDPOINT_STREAM, streamId: endpoint.id, expectedVersion: 0, events: [event] },
        currentEventContext(actor),
      );
      return toEndpointView(rows[0]);
    });
  }

  /**
   * Changes the endpoint's state as `decide` says, with its event; undefined for an endpoint the
   * tenant does not have (or deleted). A decision of nothing returns the endpoint as it is.
   */
  async change(tenantId: string, endpointId: string, actor: Actor, decide: EndpointChangeDecision): Promise<WebhookEndpointView | undefined> {
    return this.dataSource.transaction(async (em) => {
      const current: (WebhookEndpointRow & { version: number })[] = await em.query(
        `SELECT * FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`,
        [tenantId, endpointId],
      );
      if (current.length === 0) return undefined;
      const decision = decide(current[0]);
      if (!decision) return toEndpointView(current[0]);
      const { set, parameters } = stateChangeSql(decision.change);
      const [rows]: [WebhookEndpointRow[], number] = await em.query(
        `UPDATE webhook_endpoints SET ${set}, version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [tenantId, endpointId, ...parameters],
      );
      await this.events.append(
        em,
        { tenantId, streamType: WEBHOOK_ENDPOINT_STREAM, streamId: endpointId, expectedVersion: current[0].version, events: [decision.event] },
        currentEventContext(actor),
      );
      return toEndpointView(rows[0]);
    });
  }

  /**
   * Replaces the signing secret; the old one keeps signing for `overlapSeconds`. Returns until
   * when, or undefined for an endpoint the tenant does not have.
   */
  async rotateSecret(tenantId: string, endpointId: string, secret: string, overlapSeconds: number, event: PendingEvent, actor: Actor): Promise<Date | undefined> {
    return this.dataSource.transaction(async (em) => {
      const current: { version: number }[] = await em.query(
        `SELECT version FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`,
        [tenantId, endpointId],
      );
      if (current.length === 0) return undefined;
      const [rows]: [{ previous_secret_expires_at: Date }[], number] = await em.query(
        `UPDATE webhook_endpoints
            SET previous_secret = secret, previous_secret_expires_at = now() + make_interval(secs => $3), secret = $4,
                version = version + 1, updated_at = now()
          WHERE tenant_id = $1 AND id = $2 RETURNING previous_secret_expires_at`,
        [tenantId, endpointId, overlapSeconds, secret],
      );
      await this.events.append(
        em,
        { tenantId, streamType: WEBHOOK_ENDPOINT_STREAM, streamId: endpointId, expectedVersion: current[0].version, events: [event] },
        currentEventContext(actor),
      );
      return rows[0].previous_secret_expires_at;
    });
  }
}

/** The SET clause of a state change; its parameters follow $1 (tenant) and $2 (endpoint). */
function stateChangeSql(change: EndpointStateChange): { set: string; parameters: unknown[] } {
  switch (change.kind) {
    case 'disable':
      return { set: `state = 'disabled', disabled_reason = $3`, parameters: [change.reason] };
    case 'enable':
      return { set: `state = 'enabled', disabled_reason = NULL, failing_since = NULL`, parameters: [] };
    case 'delete':
      return { set: `state = 'disabled', disabled_reason = 'deleted', deleted_at = now()`, parameters: [] };
  }
}
