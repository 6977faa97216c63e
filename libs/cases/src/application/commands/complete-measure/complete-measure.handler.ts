import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { completeMeasure } from '../../../domain/case-mitigation';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { CompleteMeasureCommand } from './complete-measure.command';

@CommandHandler(CompleteMeasureCommand)
export class CompleteMeasureHandler implements ICommandHandler<CompleteMeasureCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  async execute(command: CompleteMeasureCommand): Promise<CaseCommandResult> {
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => completeMeasure(current, command.measureId, { evidence: command.evidence, document: command.document }, command.actor.id, new Date()), command.expectedVersion);
  }
}
