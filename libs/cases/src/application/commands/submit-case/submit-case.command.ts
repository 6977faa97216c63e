import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseContent, Disclosure } from '../../../domain/case-content';
import type { CaseCommandResult } from '../../case-changes';

export class SubmitCaseCommand extends Command<CaseCommandResult> {
  constructor(
    readonly tenantId: string,
    readonly content: CaseContent,
    readonly inlineDisclosures: Record<string, Disclosure>,
    readonly actor: Actor,
    /**
     * Chosen by the caller when the submission must be repeatable (a signed inbound message): the
     * same id twice gives the case already submitted, not a second one.
     */
    readonly caseId?: string,
  ) {
    super();
  }
}
