import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { withdrawEscalation } from '../../../domain/case-escalation';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { WithdrawEscalationCommand } from './withdraw-escalation.command';

@CommandHandler(WithdrawEscalationCommand)
export class WithdrawEscalationHandler implements ICommandHandler<WithdrawEscalationCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  async execute(command: WithdrawEscalationCommand): Promise<CaseCommandResult> {
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => withdrawEscalation(current, command.escalationId, command.reason, new Date()), command.expectedVersion);
  }
}
