import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { answerInformationRequest } from '../../../domain/case-escalation';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { AnswerInformationRequestCommand } from './answer-information-request.command';

@CommandHandler(AnswerInformationRequestCommand)
export class AnswerInformationRequestHandler implements ICommandHandler<AnswerInformationRequestCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  async execute(command: AnswerInformationRequestCommand): Promise<CaseCommandResult> {
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => answerInformationRequest(current, command.requestId, command.response, command.actor.id, new Date()), command.expectedVersion);
  }
}
