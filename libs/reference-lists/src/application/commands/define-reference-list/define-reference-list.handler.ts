import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { ReferenceListRepository } from '../../../infrastructure/reference-list.repository';
import { DefineReferenceListCommand, ReferenceListDefinition } from './define-reference-list.command';

/** Creates a list or updates its description and topic severities; its kind is fixed once it has versions. */
@CommandHandler(DefineReferenceListCommand)
export class DefineReferenceListHandler implements ICommandHandler<DefineReferenceListCommand, ReferenceListDefinition> {
  constructor(private readonly lists: ReferenceListRepository) {}

  async execute(command: DefineReferenceListCommand): Promise<ReferenceListDefinition> {
    const description = command.description ?? null;
    const list = await this.lists.define(
      { tenantId: command.tenantId, listId: command.listId, kind: command.kind, topicSeverity: command.topicSeverity, description },
      command.actor,
      (current) => {
        if (current.currentVersion > 0 && current.kind !== command.kind) {
          throw new DomainError('LIST.KIND_FIXED', `kind: list "${command.listId}" has versions as a ${current.kind} list; its kind cannot change.`, 'conflict', {
            errors: [{ field: 'kind', reason: `fixed as ${current.kind} once versions exist` }],
          });
        }
      },
    );
    return { listId: command.listId, kind: command.kind, topicSeverity: command.topicSeverity, description, currentVersion: list.currentVersion };
  }
}
