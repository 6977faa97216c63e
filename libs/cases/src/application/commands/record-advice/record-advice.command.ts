import { Command } from '@nestjs/cqrs';
import type { CaseCommandResult } from '../../case-changes';
import type { AdviceRecommendation } from '../../../domain/case-workflow';

/** The escalation's addressee answers: the ethics committee, export control, legal, or the advisor. */
export class RecordAdviceCommand extends Command<CaseCommandResult & { escalationId: string }> {
  constructor(
    readonly escalationId: string,
    readonly recommendation: AdviceRecommendation,
    readonly advice: string,
    /** The caller, who may belong to another tenant (the advisory body). */
    readonly actor: { kind: 'api_key'; id: string; tenantId: string; roles: string[] },
  ) {
    super();
  }
}
