import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from 'uuidv7';
import { proposeMitigationPlan } from '../../../domain/case-mitigation';
import { CaseCommandResult, CaseCommandRunner } from '../../case-command-runner';
import { ProposeMitigationPlanCommand } from './propose-mitigation-plan.command';

@CommandHandler(ProposeMitigationPlanCommand)
export class ProposeMitigationPlanHandler implements ICommandHandler<ProposeMitigationPlanCommand, CaseCommandResult> {
  constructor(private readonly runner: CaseCommandRunner) {}

  async execute(command: ProposeMitigationPlanCommand): Promise<CaseCommandResult> {
    const measures = command.measures.map((measure) => ({ ...measure, measureId: uuidv7() }));
    return this.runner.change(command.tenantId, command.caseId, command.actor, (current) => proposeMitigationPlan(current, uuidv7(), measures, command.actor.id, new Date()), command.expectedVersion);
  }
}
