import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from 'uuidv7';
import { requestInformation } from '../../../domain/case-escalation';
import { DecisionPolicy } from '../../decision-policy';
import { CaseCommandResult, CaseCommandRunner } from '../../case-command-runner';
import { RequestInformationCommand } from './request-information.command';

@CommandHandler(RequestInformationCommand)
export class RequestInformationHandler implements ICommandHandler<RequestInformationCommand, CaseCommandResult> {
  constructor(private readonly runner: CaseCommandRunner, private readonly policy: DecisionPolicy) {}

  async execute(command: RequestInformationCommand): Promise<CaseCommandResult> {
    const { informationRequestDays } = await this.policy.dueTimesFor(command.tenantId, command.caseId);
    return this.runner.change(
      command.tenantId,
      command.caseId,
      command.actor,
      (current) => requestInformation(current, uuidv7(), command.question, informationRequestDays, command.actor.id, new Date()),
      command.expectedVersion,
    );
  }
}
