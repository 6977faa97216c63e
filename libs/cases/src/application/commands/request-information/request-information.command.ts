import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseCommandResult } from '../../case-changes';

/** The reviewer asks the applicant a question; the policy sets the due time. */
export class RequestInformationCommand extends Command<CaseCommandResult & { requestId: string }> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly question: string,
    readonly actor: Actor,
    /** From If-Match: the case version the caller read. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
