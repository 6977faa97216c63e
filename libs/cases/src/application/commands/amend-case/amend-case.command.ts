import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseContent, Disclosure } from '../../../domain/case-content';
import type { CaseCommandResult } from '../../case-changes';

export class AmendCaseCommand extends Command<CaseCommandResult> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    /** Top-level fields that replace the current ones. */
    readonly changes: Partial<CaseContent>,
    readonly inlineDisclosures: Record<string, Disclosure>,
    readonly note: string | undefined,
    readonly actor: Actor,
    /** From If-Match: the case version the caller read. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
