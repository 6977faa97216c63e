import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { amendCase } from '../../../domain/case-lifecycle';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { assertOpenCall, OpenCalls } from '../../open-calls';
import { AmendCaseCommand } from './amend-case.command';

@CommandHandler(AmendCaseCommand)
export class AmendCaseHandler implements ICommandHandler<AmendCaseCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseChanges,
    private readonly calls: OpenCalls,
  ) {}

  async execute(command: AmendCaseCommand): Promise<CaseCommandResult> {
    await assertOpenCall(this.calls, command.tenantId, command.changes.callId);
    return this.cases.change(
      command.tenantId,
      command.caseId,
      command.actor,
      (current) => {
        const decision = amendCase(current, { ...current.content, ...command.changes }, command.inlineDisclosures);
        if (command.note) decision.events[0].payload.note = command.note;
        return decision;
      },
      command.expectedVersion,
    );
  }
}
