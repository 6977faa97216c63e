import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { validatePolicy } from '@ajar/appraisal';
import { DomainError } from '@ajar/kernel';
import { PolicyRepository } from '../../../infrastructure/policy.repository';
import { schemaProblems } from '../../policy-document-schema';
import { PublishedPolicyVersion, PublishPolicyVersionCommand } from './publish-policy-version.command';

/**
 * Validates a policy document against the engine's schema and guardrails, then stores it as the
 * next immutable version of the named policy. A refused document writes nothing.
 */
@CommandHandler(PublishPolicyVersionCommand)
export class PublishPolicyVersionHandler implements ICommandHandler<PublishPolicyVersionCommand, PublishedPolicyVersion> {
  constructor(private readonly policies: PolicyRepository) {}

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
    const version = await this.policies.publishVersion(
      { tenantId: command.tenantId, name: command.name, document: command.document, effective: validation.policy, createdAt },
      command.actor,
    );
    return { name: command.name, version, createdAt: createdAt.toISOString() };
  }
}
