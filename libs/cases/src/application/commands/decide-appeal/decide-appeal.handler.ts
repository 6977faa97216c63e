import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideAppeal } from '../../../domain/case-review';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { DecideAppealCommand } from './decide-appeal.command';

@CommandHandler(DecideAppealCommand)
export class DecideAppealHandler implements ICommandHandler<DecideAppealCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  execute(command: DecideAppealCommand): Promise<CaseCommandResult> {
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => decideAppeal(current, command.result, command.rationale, command.actor.id, new Date()), command.expectedVersion);
  }
}
