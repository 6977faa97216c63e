import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { WebhookAttemptView, WebhookMessageView, WebhookQueryService } from '../../infrastructure/webhook.query-service';
import { webhookEndpointNotFound } from '../commands/change-webhook-endpoint/change-webhook-endpoint.handler';
import { WebhookEndpointView } from './webhook-endpoint.view';

export type { WebhookAttemptView, WebhookMessageView } from '../../infrastructure/webhook.query-service';

export class ListWebhookEndpointsQuery {
  constructor(readonly tenantId: string) {}
}

@QueryHandler(ListWebhookEndpointsQuery)
export class ListWebhookEndpointsHandler implements IQueryHandler<ListWebhookEndpointsQuery, { items: WebhookEndpointView[] }> {
  constructor(private readonly webhooks: WebhookQueryService) {}

  async execute(query: ListWebhookEndpointsQuery): Promise<{ items: WebhookEndpointView[] }> {
    return { items: await this.webhooks.endpoints(query.tenantId) };
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
  constructor(private readonly webhooks: WebhookQueryService) {}

  async execute(query: GetWebhookEndpointQuery): Promise<WebhookEndpointView> {
    const endpoint = await this.webhooks.endpoint(query.tenantId, query.endpointId);
    if (!endpoint) throw webhookEndpointNotFound(query.endpointId);
    return endpoint;
  }
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
  constructor(private readonly webhooks: WebhookQueryService) {}

  async execute(query: ListWebhookAttemptsQuery): Promise<{ items: WebhookAttemptView[]; nextCursor: string | null }> {
    const page = await this.webhooks.attempts(query.tenantId, query.endpointId, query.limit, query.before);
    if (!page) throw webhookEndpointNotFound(query.endpointId);
    return page;
  }
}


export class GetWebhookMessageQuery {
  constructor(
    readonly tenantId: string,
    readonly messageId: string,
  ) {}
}

@QueryHandler(GetWebhookMessageQuery)
export class GetWebhookMessageHandler implements IQueryHandler<GetWebhookMessageQuery, WebhookMessageView> {
  constructor(private readonly webhooks: WebhookQueryService) {}

  async execute(query: GetWebhookMessageQuery): Promise<WebhookMessageView> {
    const message = await this.webhooks.message(query.tenantId, query.messageId);
    if (!message) throw new DomainError('WEBHOOK.MESSAGE_NOT_FOUND', `Webhook message ${query.messageId} was not found.`, 'not_found');
    return message;
  }
}
