import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { respondToDecision } from '../../../domain/case-review';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { RespondToDecisionCommand } from './respond-to-decision.command';

@CommandHandler(RespondToDecisionCommand)
export class RespondToDecisionHandler implements ICommandHandler<RespondToDecisionCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  execute(command: RespondToDecisionCommand): Promise<CaseCommandResult> {
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => respondToDecision(current, command.response, command.actor.id, new Date()), command.expectedVersion);
  }
}
