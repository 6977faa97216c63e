import type { TenantActor } from '@ajar/access';

export type WebhookEndpointChange = 'disable' | 'enable' | 'delete';

export class ChangeWebhookEndpointCommand {
  constructor(
    readonly endpointId: string,
    readonly change: WebhookEndpointChange,
    readonly actor: TenantActor,
  ) {}
}
