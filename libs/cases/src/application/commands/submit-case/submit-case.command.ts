import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseContent, Disclosure } from '../../../domain/case-content';
import type { CaseCommandResult } from '../../case-command-runner';

export class SubmitCaseCommand extends Command<CaseCommandResult> {
  constructor(
    readonly tenantId: string,
    readonly content: CaseContent,
    readonly inlineDisclosures: Record<string, Disclosure>,
    readonly actor: Actor,
  ) {
    super();
  }
}
