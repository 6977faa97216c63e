import type { TenantActor } from '@ajar/access';

export class RotateWebhookSecretCommand {
  constructor(
    readonly endpointId: string,
    /** How long the old secret keeps signing alongside the new one. */
    readonly overlapSeconds: number,
    readonly actor: TenantActor,
  ) {}
}

export interface RotatedWebhookSecret {
  endpointId: string;
  /** The new secret, shown this once. */
  secret: string;
  /** Until then every delivery carries two signatures, one per secret. */
  previousSecretExpiresAt: string;
}
