import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@ajar/database';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { DomainError } from '@ajar/kernel';
import { DefineReferenceListCommand, ReferenceListDefinition } from './define-reference-list.command';

export const REFERENCE_LIST_STREAM = 'reference-list';

/** Creates a list or updates its description and topic severities; its kind is fixed once it has versions. */
@CommandHandler(DefineReferenceListCommand)
export class DefineReferenceListHandler implements ICommandHandler<DefineReferenceListCommand, ReferenceListDefinition> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  async execute(command: DefineReferenceListCommand): Promise<ReferenceListDefinition> {
    return this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO reference_lists (id, tenant_id, list_id, kind, topic_severity, description, current_version, stream_version, created_at)
         VALUES ($1, $2, $3, $4, '{}', NULL, 0, 0, now()) ON CONFLICT (tenant_id, list_id) DO NOTHING`,
        [uuidv7(), command.tenantId, command.listId, command.kind],
      );
      const [list]: { id: string; kind: string; current_version: number; stream_version: number }[] = await em.query(
        `SELECT id, kind, current_version, stream_version FROM reference_lists WHERE tenant_id = $1 AND list_id = $2 FOR UPDATE`,
        [command.tenantId, command.listId],
      );
      if (list.current_version > 0 && list.kind !== command.kind) {
        throw new DomainError('LIST.KIND_FIXED', `kind: list "${command.listId}" has versions as a ${list.kind} list; its kind cannot change.`, 'conflict', {
          errors: [{ field: 'kind', reason: `fixed as ${list.kind} once versions exist` }],
        });
      }
      await em.query(`UPDATE reference_lists SET kind = $2, topic_severity = $3, description = $4, stream_version = stream_version + 1 WHERE id = $1`, [
        list.id,
        command.kind,
        JSON.stringify(command.topicSeverity),
        command.description ?? null,
      ]);
      await this.events.append(
        em,
        {
          tenantId: command.tenantId,
          streamType: REFERENCE_LIST_STREAM,
          streamId: list.id,
          expectedVersion: list.stream_version,
          events: [{ type: 'ReferenceListDefined', payload: { listId: command.listId, kind: command.kind, topicSeverity: command.topicSeverity } }],
        },
        currentEventContext(command.actor),
      );
      return {
        listId: command.listId,
        kind: command.kind,
        topicSeverity: command.topicSeverity,
        description: command.description ?? null,
        currentVersion: list.current_version,
      };
    });
  }
}
