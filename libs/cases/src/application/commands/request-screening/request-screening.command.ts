import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { ScreeningRetry } from '../../../domain/case-screening';
import type { CaseCommandResult } from '../../case-changes';

/** Screen again a case whose screening failed: a person asks, or a new list version does. */
export class RequestScreeningCommand extends Command<CaseCommandResult> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly retry: ScreeningRetry,
    readonly actor: Actor,
    /** From If-Match: the case version the caller read. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
