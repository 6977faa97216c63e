import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';

/** An advisory body withdraws an unused registration code. */
export class RevokeAdvisorRegistrationCodeCommand extends Command<void> {
  constructor(
    readonly codeId: string,
    readonly actor: Actor & { tenantId: string },
  ) {
    super();
  }
}
