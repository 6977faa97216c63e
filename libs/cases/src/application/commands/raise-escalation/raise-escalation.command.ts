import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { CaseCommandResult } from '../../case-changes';
import type { EscalationTarget } from '../../../domain/case-workflow';

/** The reviewer escalates a question to a committee, a national advisor, export control or legal. */
export class RaiseEscalationCommand extends Command<CaseCommandResult & { escalationId: string }> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
    readonly target: EscalationTarget,
    readonly question: string,
    /** For `national_advisor`: the registered advisory body; may be left out when there is one. */
    readonly advisorTenantId: string | undefined,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
