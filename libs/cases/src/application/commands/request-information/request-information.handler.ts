import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { requestInformation } from '../../../domain/case-escalation';
import { DecisionPolicy } from '../../decision-policy';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { RequestInformationCommand } from './request-information.command';

@CommandHandler(RequestInformationCommand)
export class RequestInformationHandler implements ICommandHandler<RequestInformationCommand, CaseCommandResult & { requestId: string }> {
  constructor(private readonly cases: CaseChanges, @Inject(DecisionPolicy) private readonly policy: Pick<DecisionPolicy, 'dueTimesFor'>) {}

  async execute(command: RequestInformationCommand): Promise<CaseCommandResult & { requestId: string }> {
    const { informationRequestDays } = await this.policy.dueTimesFor(command.tenantId, command.caseId);
    const requestId = uuidv7();
    return this.cases.change(
      command.tenantId,
      command.caseId,
      command.actor,
      (current) => requestInformation(current, requestId, command.question, informationRequestDays, command.actor.id, new Date()),
      command.expectedVersion,
      { requestId },
    );
  }
}
