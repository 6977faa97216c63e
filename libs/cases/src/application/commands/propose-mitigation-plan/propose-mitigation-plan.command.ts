import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseCommandResult } from '../../case-changes';
import type { ProposedMeasure } from '../../../domain/case-mitigation';

/** The reviewer proposes a mitigation plan from the catalogue (RULES §5). */
export class ProposeMitigationPlanCommand extends Command<CaseCommandResult & { planId: string; measureIds: string[] }> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly measures: Omit<ProposedMeasure, 'measureId'>[],
    readonly actor: Actor,
    /** From If-Match: the case version the caller read. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
