import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseCommandResult } from '../../case-changes';

/** The applicant answers an information request. */
export class AnswerInformationRequestCommand extends Command<CaseCommandResult> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly requestId: string,
    readonly response: string,
    readonly actor: Actor,
    /** From If-Match: the case version the caller read. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
