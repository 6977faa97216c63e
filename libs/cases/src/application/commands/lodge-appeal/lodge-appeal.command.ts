import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseCommandResult } from '../../case-changes';

/** An appeal of a final adverse decision, within the appeal window. */
export class LodgeAppealCommand extends Command<CaseCommandResult & { appealId: string }> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly grounds: string,
    readonly actor: Actor,
    /** From If-Match: the case version the caller read. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
