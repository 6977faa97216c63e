import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { lodgeAppeal } from '../../../domain/case-review';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { LodgeAppealCommand } from './lodge-appeal.command';

@CommandHandler(LodgeAppealCommand)
export class LodgeAppealHandler implements ICommandHandler<LodgeAppealCommand, CaseCommandResult & { appealId: string }> {
  constructor(private readonly cases: CaseChanges) {}

  async execute(command: LodgeAppealCommand): Promise<CaseCommandResult & { appealId: string }> {
    const appealId = uuidv7();
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => lodgeAppeal(current, appealId, command.grounds, command.actor.id, new Date()), command.expectedVersion, { appealId });
  }
}
