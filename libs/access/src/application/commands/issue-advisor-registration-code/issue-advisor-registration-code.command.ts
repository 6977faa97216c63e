import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';

export interface IssuedAdvisorRegistrationCode {
  id: string;
  /** Shown once: the advisory body hands it to the institution or funder out of band. */
  code: string;
  forTenantId: string | null;
  issuedAt: string;
  expiresAt: string;
}

/** An advisory body consents to be registered as a national advisor by issuing a one-time code. */
export class IssueAdvisorRegistrationCodeCommand extends Command<IssuedAdvisorRegistrationCode> {
  constructor(
    readonly actor: Actor & { tenantId: string },
    readonly forTenantId: string | null,
    readonly validForDays: number | undefined,
  ) {
    super();
  }
}
