import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { receiveAdvice } from '../../../domain/case-escalation';
import { DecisionRefused } from '../../../domain/case.errors';
import type { EscalationTarget } from '../../../domain/case-workflow';
import { CaseEscalationQueryService } from '../../../infrastructure/case-escalation.query-service';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { EscalationNotFound, findAddressedEscalation } from '../../queries/addressed-escalation';
import { RecordAdviceCommand } from './record-advice.command';

/** The role that answers each target. */
const ANSWERING_ROLE: Record<EscalationTarget, string> = {
  ethics_committee: 'ethics_committee',
  national_advisor: 'national_advisor',
  export_control: 'rso',
  legal: 'rso',
};

@CommandHandler(RecordAdviceCommand)
export class RecordAdviceHandler implements ICommandHandler<RecordAdviceCommand, CaseCommandResult & { escalationId: string }> {
  constructor(
    @Inject(CaseEscalationQueryService) private readonly escalations: Pick<CaseEscalationQueryService, 'addressedTo'>,
    private readonly cases: CaseChanges,
  ) {}

  async execute(command: RecordAdviceCommand): Promise<CaseCommandResult & { escalationId: string }> {
    const escalation = await findAddressedEscalation(this.escalations, command.escalationId, command.actor.tenantId);
    if (!escalation) throw new EscalationNotFound(command.escalationId);
    const role = ANSWERING_ROLE[escalation.target];
    // A national advisor's question is answered by the advisory body itself, never by the tenant that asked.
    if (!command.actor.roles.includes(role) || (escalation.target === 'national_advisor') !== escalation.asAdvisor) {
      throw new DecisionRefused('ESCALATION.NOT_THE_ADDRESSEE', `An escalation to ${escalation.target} is answered by the ${role} role.`, 'forbidden');
    }
    return this.cases.change(
      escalation.tenantId,
      escalation.caseId,
      command.actor,
      (current) => receiveAdvice(current, escalation.id, { recommendation: command.recommendation, text: command.advice }, { keyId: command.actor.id, tenantId: command.actor.tenantId }, new Date()),
      undefined,
      { escalationId: escalation.id },
    );
  }
}
