import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';

/** A funder or institution registers an advisory body (another tenant) as its national advisor. */
export class RegisterAdvisorCommand extends Command<{ advisorTenantId: string; name: string; registeredAt: string }> {
  constructor(
    readonly advisorTenantId: string,
    /** The one-time code the advisory body issued: its consent to this registration. */
    readonly registrationCode: string,
    readonly actor: Actor & { tenantId: string },
  ) {
    super();
  }
}
