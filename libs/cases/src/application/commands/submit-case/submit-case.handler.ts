import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from 'uuidv7';
import { submitCase } from '../../../domain/case-lifecycle';
import { CaseCommandResult, CaseCommandRunner } from '../../case-command-runner';
import { SubmitCaseCommand } from './submit-case.command';

@CommandHandler(SubmitCaseCommand)
export class SubmitCaseHandler implements ICommandHandler<SubmitCaseCommand, CaseCommandResult> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute(command: SubmitCaseCommand): Promise<CaseCommandResult> {
    const caseId = uuidv7();
    return this.runner.create(command.tenantId, caseId, command.actor, () =>
      submitCase(caseId, command.content, command.inlineDisclosures),
    );
  }
}
