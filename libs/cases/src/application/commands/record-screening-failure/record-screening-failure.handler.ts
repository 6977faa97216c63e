import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { recordScreeningFailure } from '../../../domain/case-screening';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { RecordScreeningFailureCommand } from './record-screening-failure.command';

/** `ScreeningFailed`, its webhook message and its notice to rso and admin, in one transaction. */
@CommandHandler(RecordScreeningFailureCommand)
export class RecordScreeningFailureHandler implements ICommandHandler<RecordScreeningFailureCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  execute(command: RecordScreeningFailureCommand): Promise<CaseCommandResult> {
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => recordScreeningFailure(current, command.gaveUp, new Date()));
  }
}
