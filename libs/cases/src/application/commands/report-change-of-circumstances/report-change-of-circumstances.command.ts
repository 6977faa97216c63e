import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseCommandResult } from '../../case-changes';
import type { ChangeOfCircumstances } from '../../../domain/case-lifecycle';

/** An approved case reports a new partner, team member or affiliation, and is screened again. */
export class ReportChangeOfCircumstancesCommand extends Command<CaseCommandResult> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly change: ChangeOfCircumstances,
    readonly actor: Actor,
    /** From If-Match: the case version the caller read. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
