import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { fileDisclosure } from '../../../domain/case-lifecycle';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { FileDisclosureCommand } from './file-disclosure.command';

@CommandHandler(FileDisclosureCommand)
export class FileDisclosureHandler implements ICommandHandler<FileDisclosureCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseChanges) {}

  execute(command: FileDisclosureCommand): Promise<CaseCommandResult> {
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) =>
      fileDisclosure(current, command.personRef, command.disclosure),
      command.expectedVersion,
    );
  }
}
