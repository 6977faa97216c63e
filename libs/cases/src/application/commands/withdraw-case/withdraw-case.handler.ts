import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { withdrawCase } from '../../../domain/case-lifecycle';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { WithdrawCaseCommand } from './withdraw-case.command';

@CommandHandler(WithdrawCaseCommand)
export class WithdrawCaseHandler implements ICommandHandler<WithdrawCaseCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  execute(command: WithdrawCaseCommand): Promise<CaseCommandResult> {
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) =>
      withdrawCase(current, command.reason),
      command.expectedVersion,
    );
  }
}
