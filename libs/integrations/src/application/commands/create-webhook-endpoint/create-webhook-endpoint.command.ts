import type { TenantActor } from '@ajar/access';
import type { WebhookEndpointView } from '../../queries/webhook-endpoint.view';

export class CreateWebhookEndpointCommand {
  constructor(
    readonly url: string,
    /** Empty: every type. */
    readonly eventTypes: string[],
    readonly description: string | undefined,
    readonly actor: TenantActor,
  ) {}
}

/** The endpoint and its signing secret, which is shown this once. */
export interface CreatedWebhookEndpoint extends WebhookEndpointView {
  secret: string;
}
