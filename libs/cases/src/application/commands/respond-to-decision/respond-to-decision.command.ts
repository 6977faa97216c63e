import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseCommandResult } from '../../case-changes';

/** The applicant's answer to an adverse decision, within its response window. */
export class RespondToDecisionCommand extends Command<CaseCommandResult> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly response: string,
    readonly actor: Actor,
    /** From If-Match: the case version the caller read. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
