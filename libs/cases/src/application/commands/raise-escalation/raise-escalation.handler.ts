import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActorDirectory } from '@ajar/access';
import { uuidv7 } from '@ajar/database';
import { raiseEscalation } from '../../../domain/case-escalation';
import { DecisionRefused } from '../../../domain/case.errors';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { DecisionPolicy } from '../../decision-policy';
import { RaiseEscalationCommand } from './raise-escalation.command';

@CommandHandler(RaiseEscalationCommand)
export class RaiseEscalationHandler implements ICommandHandler<RaiseEscalationCommand, CaseCommandResult & { escalationId: string }> {
  constructor(
    @Inject(ActorDirectory) private readonly actors: Pick<ActorDirectory, 'advisorsOf'>,
    private readonly cases: CaseChanges,
    @Inject(DecisionPolicy) private readonly policy: Pick<DecisionPolicy, 'dueTimesFor'>,
  ) {}

  async execute(command: RaiseEscalationCommand): Promise<CaseCommandResult & { escalationId: string }> {
    const advisorTenantId = command.target === 'national_advisor' ? await this.advisorFor(command.tenantId, command.advisorTenantId) : null;
    if (command.target !== 'national_advisor' && command.advisorTenantId !== undefined) {
      throw new DecisionRefused('ESCALATION.ADVISOR', 'Only a national_advisor escalation names an advisory body.', 'unprocessable', 'advisorTenantId');
    }
    const { slaDays } = await this.policy.dueTimesFor(command.tenantId, command.caseId);
    const escalationId = uuidv7();
    return this.cases.change(
      command.tenantId,
      command.caseId,
      command.actor,
      (current) => raiseEscalation(current, { escalationId, target: command.target, question: command.question, advisorTenantId, slaDays: slaDays[command.target] }, command.actor.id, new Date()),
      command.expectedVersion,
      { escalationId },
    );
  }

  /** Only an advisory body the tenant registered; with exactly one registered it may go unnamed. */
  private async advisorFor(tenantId: string, named: string | undefined): Promise<string> {
    const registered = await this.actors.advisorsOf(tenantId);
    if (named !== undefined) {
      if (!registered.includes(named)) {
        throw new DecisionRefused('ESCALATION.ADVISOR_NOT_REGISTERED', 'That advisory body is not registered as this tenant\'s national advisor (POST /v1/advisors).', 'unprocessable', 'advisorTenantId');
      }
      return named;
    }
    if (registered.length === 1) return registered[0];
    throw new DecisionRefused(
      'ESCALATION.ADVISOR_REQUIRED',
      registered.length === 0 ? 'No national advisor is registered for this tenant (POST /v1/advisors).' : 'Several national advisors are registered: name one in advisorTenantId.',
      'unprocessable',
      'advisorTenantId',
    );
  }
}
