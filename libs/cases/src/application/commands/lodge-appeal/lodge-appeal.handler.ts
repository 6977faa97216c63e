import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from 'uuidv7';
import { lodgeAppeal } from '../../../domain/case-review';
import { CaseCommandResult, CaseCommandRunner } from '../../case-command-runner';
import { LodgeAppealCommand } from './lodge-appeal.command';

@CommandHandler(LodgeAppealCommand)
export class LodgeAppealHandler implements ICommandHandler<LodgeAppealCommand, CaseCommandResult> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute(command: LodgeAppealCommand): Promise<CaseCommandResult> {
    return this.runner.change(command.tenantId, command.caseId, command.actor, (current) => lodgeAppeal(current, uuidv7(), command.grounds, command.actor.id, new Date()), command.expectedVersion);
  }
}
