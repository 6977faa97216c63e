import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseCommandResult } from '../../case-changes';

export class AdjudicateListHitCommand extends Command<CaseCommandResult> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    /** The id of a list finding in the case's latest assessment. */
    readonly hitId: string,
    readonly decision: 'confirmed' | 'false_positive',
    readonly reason: string,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
