import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { ScreeningGaveUp } from '../../../domain/case-screening';
import type { CaseCommandResult } from '../../case-changes';

/** The worker gave up screening a case version: its job's last attempt failed. */
export class RecordScreeningFailureCommand extends Command<CaseCommandResult> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly gaveUp: ScreeningGaveUp,
    readonly actor: Actor,
  ) {
    super();
  }
}
