import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { Disclosure } from '../../../domain/case-content';
import type { CaseCommandResult } from '../../case-changes';

export class FileDisclosureCommand extends Command<CaseCommandResult> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly personRef: string,
    readonly disclosure: Disclosure,
    readonly actor: Actor,
    /** From If-Match: the case version the caller read. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
