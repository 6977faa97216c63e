import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@ajar/database';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { DomainError } from '@ajar/kernel';
import { OpenCallCommand, OpenedCall } from './open-call.command';

export const CALL_STREAM = 'call';

/** Opens a funder call bound to one policy version, so every case under it is appraised alike. */
@CommandHandler(OpenCallCommand)
export class OpenCallHandler implements ICommandHandler<OpenCallCommand, OpenedCall> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  async execute(command: OpenCallCommand): Promise<OpenedCall> {
    const id = uuidv7();
    const createdAt = new Date();
    return this.dataSource.transaction(async (em) => {
      const policies: { id: string; current_version: number }[] = await em.query(
        `SELECT id, current_version FROM policies WHERE tenant_id = $1 AND name = $2`,
        [command.tenantId, command.policyName],
      );
      const policy = policies[0];
      const version = command.policyVersion ?? policy?.current_version;
      if (!policy || version === undefined || version < 1 || version > policy.current_version) {
        throw new DomainError(
          'CALL.UNKNOWN_POLICY_VERSION',
          `policy: no version ${command.policyVersion ?? 'at all'} of policy "${command.policyName}" exists for this tenant`,
          'unprocessable',
          { errors: [{ field: command.policyVersion === undefined ? 'policy.name' : 'policy.version', reason: 'no such policy version' }] },
        );
      }
      await em.query(
        `INSERT INTO calls (id, tenant_id, title, external_ref, policy_id, policy_name, policy_version, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, command.tenantId, command.title, command.externalRef ?? null, policy.id, command.policyName, version, createdAt],
      );
      await this.events.append(
        em,
        {
          tenantId: command.tenantId,
          streamType: CALL_STREAM,
          streamId: id,
          expectedVersion: 0,
          events: [{ type: 'CallOpened', payload: { callId: id, title: command.title, policy: { name: command.policyName, version } } }],
        },
        currentEventContext(command.actor),
      );
      return {
        id,
        title: command.title,
        externalRef: command.externalRef ?? null,
        policy: { name: command.policyName, version },
        createdAt: createdAt.toISOString(),
      };
    });
  }
}
