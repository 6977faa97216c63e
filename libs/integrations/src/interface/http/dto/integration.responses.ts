import { ApiProperty } from '@nestjs/swagger';
import type { CreatedInboundIntegration } from '../../../application/commands/create-inbound-integration/create-inbound-integration.command';
import type { CreatedWebhookEndpoint } from '../../../application/commands/create-webhook-endpoint/create-webhook-endpoint.command';
import type { ReplayedWebhookMessage } from '../../../application/commands/replay-webhook-message/replay-webhook-message.command';
import type { RotatedWebhookSecret } from '../../../application/commands/rotate-webhook-secret/rotate-webhook-secret.command';
import type { InboundIntegrationView, InboundLogEntry } from '../../../application/queries/inbound.queries';
import type { WebhookEndpointView } from '../../../application/queries/webhook-endpoint.view';
import type { WebhookAttemptView, WebhookMessageView } from '../../../application/queries/webhook.queries';

// Response classes: the views are interfaces (erased at run time), so these classes give the
// OpenAPI document their shape. `implements` keeps each class in step with its view.

/** What the API shows of an endpoint: never its secrets. */
export class WebhookEndpointResponse implements WebhookEndpointView {
  id!: string;
  url!: string;
  description!: string | null;
  /** Empty: every type. */
  eventTypes!: string[];
  state!: 'enabled' | 'disabled';
  disabledReason!: string | null;
  /** Since when every attempt has failed; null while it is healthy. */
  failingSince!: string | null;
  /** Until when the previous secret still signs (after a rotation), or null. */
  previousSecretExpiresAt!: string | null;
  createdAt!: string;
  updatedAt!: string;
}

export class CreatedWebhookEndpointResponse extends WebhookEndpointResponse implements CreatedWebhookEndpoint {
  /** The signing secret (`whsec_…`), shown this once. */
  secret!: string;
}

export class WebhookEndpointListResponse {
  items!: WebhookEndpointResponse[];
}

export class RotatedWebhookSecretResponse implements RotatedWebhookSecret {
  endpointId!: string;
  /** The new secret, shown this once. */
  secret!: string;
  /** Until then every delivery carries two signatures, one per secret. */
  previousSecretExpiresAt!: string;
}

export class WebhookAttemptResponse implements WebhookAttemptView {
  id!: string;
  messageId!: string;
  /** The `webhook-id` header sent (`msg_…`). */
  webhookId!: string;
  eventType!: string;
  deliveryId!: string;
  attempt!: number;
  attemptedAt!: string;
  latencyMs!: number;
  /** The receiver's HTTP status; null when no answer came. */
  status!: number | null;
  outcome!: string;
  error!: string | null;
  responseExcerpt!: string | null;
}

export class WebhookAttemptPageResponse {
  items!: WebhookAttemptResponse[];
  nextCursor!: string | null;
}

export class WebhookEventTypesResponse {
  items!: string[];
}

export class WebhookDeliveryResponse {
  id!: string;
  endpointId!: string;
  origin!: string;
  state!: string;
  attempts!: number;
  nextAttemptAt!: string | null;
  lastStatus!: number | null;
  lastError!: string | null;
}

export class WebhookMessageResponse implements WebhookMessageView {
  id!: string;
  webhookId!: string;
  eventType!: string;
  createdAt!: string;
  /** The exact body sent. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload!: unknown;
  deliveries!: WebhookDeliveryResponse[];
}

export class ReplayedDeliveryResponse {
  id!: string;
  endpointId!: string;
}

export class ReplayedWebhookMessageResponse implements ReplayedWebhookMessage {
  messageId!: string;
  deliveries!: ReplayedDeliveryResponse[];
}

export class InboundIntegrationResponse implements InboundIntegrationView {
  id!: string;
  name!: string;
  state!: 'enabled' | 'disabled';
  /** Where its system posts, relative to the API's base URL. */
  inboundPath!: string;
  createdAt!: string;
}

export class CreatedInboundIntegrationResponse extends InboundIntegrationResponse implements CreatedInboundIntegration {
  /** The signing secret (`whsec_…`), shown this once. */
  secret!: string;
}

export class InboundIntegrationListResponse {
  items!: InboundIntegrationResponse[];
}

export class InboundLogEntryResponse implements InboundLogEntry {
  id!: string;
  webhookId!: string;
  type!: string | null;
  receivedAt!: string;
  /** The status answered (and answered again to a redelivery). */
  status!: number;
  /** `processing` while the message is being handled. */
  outcome!: 'accepted' | 'refused' | 'processing';
  caseId!: string | null;
  /** The answer given: the case's id and state, or the problem document. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  response!: Record<string, unknown>;
}

export class InboundLogPageResponse {
  items!: InboundLogEntryResponse[];
  nextCursor!: string | null;
}
