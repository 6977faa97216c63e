import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { DomainError } from '@ajar/kernel';
import { CallRepository } from '../../../infrastructure/call.repository';
import { PolicyRepository } from '../../../infrastructure/policy.repository';
import { OpenCallCommand, OpenedCall } from './open-call.command';

/** Opens a funder call bound to one policy version, so every case under it is appraised alike. */
@CommandHandler(OpenCallCommand)
export class OpenCallHandler implements ICommandHandler<OpenCallCommand, OpenedCall> {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly calls: CallRepository,
  ) {}

  async execute(command: OpenCallCommand): Promise<OpenedCall> {
    // Versions are immutable and only added: one that exists now still exists at the insert.
    const policy = await this.policies.findByName(command.tenantId, command.policyName);
    const version = command.policyVersion ?? policy?.currentVersion;
    if (!policy || version === undefined || version < 1 || version > policy.currentVersion) {
      throw new DomainError(
        'CALL.UNKNOWN_POLICY_VERSION',
        `policy: no version ${command.policyVersion ?? 'at all'} of policy "${command.policyName}" exists for this tenant`,
        'unprocessable',
        { errors: [{ field: command.policyVersion === undefined ? 'policy.name' : 'policy.version', reason: 'no such policy version' }] },
      );
    }
    const call = { id: uuidv7(), tenantId: command.tenantId, title: command.title, externalRef: command.externalRef ?? null, policyId: policy.id, policyName: command.policyName, policyVersion: version, createdAt: new Date() };
    await this.calls.open(call, [{ type: 'CallOpened', payload: { callId: call.id, title: command.title, policy: { name: command.policyName, version } } }], command.actor);
    return { id: call.id, title: command.title, externalRef: call.externalRef, policy: { name: command.policyName, version }, createdAt: call.createdAt.toISOString() };
  }
}
