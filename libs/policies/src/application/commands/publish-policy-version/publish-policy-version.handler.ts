import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@ajar/database';
import { validatePolicy } from '@ajar/appraisal';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { DomainError } from '@ajar/kernel';
import { schemaProblems } from '../../policy-document-schema';
import { PublishedPolicyVersion, PublishPolicyVersionCommand } from './publish-policy-version.command';

export const POLICY_STREAM = 'policy';

/**
 * Validates a policy document against the engine's schema and guardrails, then stores it as the
 * next immutable version of the named policy. A refused document writes nothing.
 */
@CommandHandler(PublishPolicyVersionCommand)
export class PublishPolicyVersionHandler implements ICommandHandler<PublishPolicyVersionCommand, PublishedPolicyVersion> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  async execute(command: PublishPolicyVersionCommand): Promise<PublishedPolicyVersion> {
    // The engine's guardrails first (their reasons say why a part is refused), then the schema.
    const validation = validatePolicy(command.document);
    const problems = validation.ok
      ? schemaProblems(command.document)
      : validation.errors.map((error) => ({ field: error.path || '/', reason: error.reason }));
    if (!validation.ok || problems.length > 0) {
      throw new DomainError(
        'POLICY.INVALID',
        `The policy document is refused: ${problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; ')}`,
        'unprocessable',
        { errors: problems },
      );
    }
    const createdAt = new Date();
    return this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO policies (id, tenant_id, name, current_version, created_at) VALUES ($1, $2, $3, 0, $4)
         ON CONFLICT (tenant_id, name) DO NOTHING`,
        [uuidv7(), command.tenantId, command.name, createdAt],
      );
      const [policy]: { id: string; current_version: number }[] = await em.query(
        `SELECT id, current_version FROM policies WHERE tenant_id = $1 AND name = $2 FOR UPDATE`,
        [command.tenantId, command.name],
      );
      const version = policy.current_version + 1;
      await em.query(
        `INSERT INTO policy_versions (policy_id, version, tenant_id, document, effective, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [policy.id, version, command.tenantId, JSON.stringify(command.document), JSON.stringify(validation.policy), createdAt],
      );
      await em.query(`UPDATE policies SET current_version = $2 WHERE id = $1`, [policy.id, version]);
      await this.events.append(
        em,
        {
          tenantId: command.tenantId,
          streamType: POLICY_STREAM,
          streamId: policy.id,
          expectedVersion: version - 1,
          events: [{ type: 'PolicyVersionPublished', payload: { policyId: policy.id, name: command.name, version } }],
        },
        currentEventContext(command.actor),
      );
      return { name: command.name, version, createdAt: createdAt.toISOString() };
    });
  }
}
