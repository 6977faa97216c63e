import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';

/** A funder or institution registers an advisory body (another tenant) as its national advisor. */
export class RegisterAdvisorCommand extends Command<{ advisorTenantId: string; name: string; registeredAt: string }> {
  constructor(
    readonly advisorTenantId: string,
    readonly actor: Actor & { tenantId: string },
  ) {
    super();
  }
}
