import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { AdvisorRegistrationCodeRepository } from '../../../infrastructure/advisor-registration-code.repository';
import { TenantRepository } from '../../../infrastructure/tenant.repository';
import { RevokeAdvisorRegistrationCodeCommand } from './revoke-advisor-registration-code.command';

@CommandHandler(RevokeAdvisorRegistrationCodeCommand)
export class RevokeAdvisorRegistrationCodeHandler implements ICommandHandler<RevokeAdvisorRegistrationCodeCommand, void> {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly codes: AdvisorRegistrationCodeRepository,
  ) {}

  async execute(command: RevokeAdvisorRegistrationCodeCommand): Promise<void> {
    await this.tenants.change(command.actor.tenantId, command.actor, async (em) => {
      if (!(await this.codes.revoke(em, command.actor.tenantId, command.codeId))) {
        throw new DomainError('ADVISOR.CODE_NOT_FOUND', 'No unused registration code with this id in your tenant.', 'not_found');
      }
      return [{ type: 'AdvisorRegistrationCodeRevoked', payload: { codeId: command.codeId } }];
    });
  }
}
