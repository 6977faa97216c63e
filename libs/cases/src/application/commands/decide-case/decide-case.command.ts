import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseCommandResult } from '../../case-changes';
import type { DecisionOutcome } from '../../../domain/case-workflow';

/** An approver decides; adverse and high-risk outcomes wait for a second approver (four-eyes). */
export class DecideCaseCommand extends Command<CaseCommandResult & { decisionId: string }> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly outcome: DecisionOutcome,
    readonly reasonCodes: string[],
    readonly rationale: string,
    readonly conditions: string[],
    readonly actor: Actor,
    /** From If-Match: the case version the caller read. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
