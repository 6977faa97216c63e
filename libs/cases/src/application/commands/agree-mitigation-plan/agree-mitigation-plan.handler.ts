import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { agreeMitigationPlan } from '../../../domain/case-mitigation';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { AgreeMitigationPlanCommand } from './agree-mitigation-plan.command';

@CommandHandler(AgreeMitigationPlanCommand)
export class AgreeMitigationPlanHandler implements ICommandHandler<AgreeMitigationPlanCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  async execute(command: AgreeMitigationPlanCommand): Promise<CaseCommandResult> {
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => agreeMitigationPlan(current, command.planId, command.actor.id, new Date()), command.expectedVersion);
  }
}
