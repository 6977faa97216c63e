import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { approveDecision } from '../../../domain/case-review';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { DecisionPolicy } from '../../decision-policy';
import { ApproveDecisionCommand } from './approve-decision.command';

@CommandHandler(ApproveDecisionCommand)
export class ApproveDecisionHandler implements ICommandHandler<ApproveDecisionCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseChanges,
    @Inject(DecisionPolicy) private readonly policy: Pick<DecisionPolicy, 'windowsFor'>,
  ) {}

  async execute(command: ApproveDecisionCommand): Promise<CaseCommandResult> {
    const windows = await this.policy.windowsFor(command.tenantId, command.caseId);
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => approveDecision(current, command.actor.id, windows, new Date()), command.expectedVersion);
  }
}
