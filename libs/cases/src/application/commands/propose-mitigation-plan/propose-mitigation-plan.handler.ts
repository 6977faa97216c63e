import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { proposeMitigationPlan } from '../../../domain/case-mitigation';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { ProposeMitigationPlanCommand } from './propose-mitigation-plan.command';

@CommandHandler(ProposeMitigationPlanCommand)
export class ProposeMitigationPlanHandler implements ICommandHandler<ProposeMitigationPlanCommand, CaseCommandResult & { planId: string; measureIds: string[] }> {
  constructor(private readonly cases: CaseChanges) {}

  async execute(command: ProposeMitigationPlanCommand): Promise<CaseCommandResult & { planId: string; measureIds: string[] }> {
    const measures = command.measures.map((measure) => ({ ...measure, measureId: uuidv7() }));
    const planId = uuidv7();
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => proposeMitigationPlan(current, planId, measures, command.actor.id, new Date()), command.expectedVersion, {
      planId,
      measureIds: measures.map((measure) => measure.measureId),
    });
  }
}
