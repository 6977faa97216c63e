import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { requestScreening } from '../../../domain/case-screening';
import { CaseNotFound } from '../../../domain/case.errors';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { RequestScreeningCommand } from './request-screening.command';

/**
 * Idempotent: a case already in screening is answered as it is, with nothing written (no second
 * job), also when a concurrent request got there first (its change then conflicts with ours).
 */
@CommandHandler(RequestScreeningCommand)
export class RequestScreeningHandler implements ICommandHandler<RequestScreeningCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  async execute(command: RequestScreeningCommand): Promise<CaseCommandResult> {
    const pending = await this.pending(command);
    if (pending) return pending;
    try {
      return await this.cases.change(command.tenantId, command.caseId, command.actor, (current) => requestScreening(current, command.retry), command.expectedVersion);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      const settled = await this.pending(command);
      if (settled) return settled;
      throw error;
    }
  }

  /** The case if its screening is already pending; null otherwise. */
  private async pending(command: RequestScreeningCommand): Promise<CaseCommandResult | null> {
    const summary = await this.cases.summary(command.tenantId, command.caseId);
    if (!summary) throw new CaseNotFound(command.caseId);
    return summary.state === 'screening' ? summary : null;
  }
}
