import type { TenantActor } from '@ajar/access';

export class ReplayWebhookMessageCommand {
  constructor(
    readonly messageId: string,
    /** Only to this endpoint; otherwise to every enabled endpoint the message went to. */
    readonly endpointId: string | undefined,
    readonly actor: TenantActor,
  ) {}
}

export interface ReplayedWebhookMessage {
  messageId: string;
  deliveries: { id: string; endpointId: string }[];
}
