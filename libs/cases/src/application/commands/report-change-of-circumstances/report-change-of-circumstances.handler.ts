import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { reportChangeOfCircumstances } from '../../../domain/case-lifecycle';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { ReportChangeOfCircumstancesCommand } from './report-change-of-circumstances.command';

@CommandHandler(ReportChangeOfCircumstancesCommand)
export class ReportChangeOfCircumstancesHandler implements ICommandHandler<ReportChangeOfCircumstancesCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  async execute(command: ReportChangeOfCircumstancesCommand): Promise<CaseCommandResult> {
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => reportChangeOfCircumstances(current, command.change), command.expectedVersion);
  }
}
