import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { judgeSecurityApplication } from '../../../domain/case-review';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { RecordSecurityJudgementCommand } from './record-security-judgement.command';

@CommandHandler(RecordSecurityJudgementCommand)
export class RecordSecurityJudgementHandler implements ICommandHandler<RecordSecurityJudgementCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  execute(command: RecordSecurityJudgementCommand): Promise<CaseCommandResult> {
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => judgeSecurityApplication(current, { foreseeableApplication: command.foreseeableApplication, rationale: command.rationale }, command.actor.id, new Date()), command.expectedVersion);
  }
}
