import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { proposeDecision } from '../../../domain/case-review';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { DecisionPolicy } from '../../decision-policy';
import { DecideCaseCommand } from './decide-case.command';

@CommandHandler(DecideCaseCommand)
export class DecideCaseHandler implements ICommandHandler<DecideCaseCommand, CaseCommandResult & { decisionId: string }> {
  constructor(
    private readonly cases: CaseChanges,
    @Inject(DecisionPolicy) private readonly policy: Pick<DecisionPolicy, 'windowsFor'>,
  ) {}

  async execute(command: DecideCaseCommand): Promise<CaseCommandResult & { decisionId: string }> {
    const windows = await this.policy.windowsFor(command.tenantId, command.caseId);
    const decisionId = uuidv7();
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => proposeDecision(current, { decisionId, outcome: command.outcome, reasonCodes: command.reasonCodes, rationale: command.rationale, conditions: command.conditions }, command.actor.id, windows, new Date()), command.expectedVersion, { decisionId });
  }
}
