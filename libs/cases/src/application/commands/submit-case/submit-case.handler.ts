import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { submitCase } from '../../../domain/case-lifecycle';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { assertOpenCall, OpenCalls } from '../../open-calls';
import { SubmitCaseCommand } from './submit-case.command';

@CommandHandler(SubmitCaseCommand)
export class SubmitCaseHandler implements ICommandHandler<SubmitCaseCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseChanges,
    private readonly calls: OpenCalls,
  ) {}

  async execute(command: SubmitCaseCommand): Promise<CaseCommandResult> {
    const caseId = command.caseId ?? uuidv7();
    if (command.caseId !== undefined) {
      const existing = await this.cases.summary(command.tenantId, command.caseId);
      if (existing) return existing;
    }
    await assertOpenCall(this.calls, command.tenantId, command.content.callId);
    return this.cases.create(command.tenantId, caseId, command.actor, () =>
      submitCase(caseId, command.content, command.inlineDisclosures),
    );
  }
}
