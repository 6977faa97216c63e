import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseCommandResult } from '../../case-changes';
import type { ForeseeableApplication } from '../../../domain/case-workflow';

/** Records the assigned reviewer's RS-T-008 judgement on foreseeable security application. */
export class RecordSecurityJudgementCommand extends Command<CaseCommandResult> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly foreseeableApplication: ForeseeableApplication,
    readonly rationale: string,
    readonly actor: Actor,
    /** From If-Match: the case version the caller read. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
