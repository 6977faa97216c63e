import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@ajar/kernel';
import { hashRegistrationCode } from '../../../domain/advisor-registration-code';
import { AdvisorRegistrationCodeRepository } from '../../../infrastructure/advisor-registration-code.repository';
import { TenantAdvisorRepository } from '../../../infrastructure/tenant-advisor.repository';
import { TenantRepository } from '../../../infrastructure/tenant.repository';
import { RegisterAdvisorCommand } from './register-advisor.command';

const invalid = (field: string, message: string) => new DomainError('ADVISOR.INVALID', message, 'unprocessable', { errors: [{ field, reason: message }] });

/**
 * Only an `advisory_body` tenant can be registered, by a funder or institution, and not itself,
 * and only with the body's consent: a registration code it issued, unused, unexpired, and meant
 * for this tenant or for any. An unknown tenant id answers as one that is not an advisory body, and
 * every unusable code answers alike: neither tenant ids nor codes leak.
 */
@CommandHandler(RegisterAdvisorCommand)
export class RegisterAdvisorHandler implements ICommandHandler<RegisterAdvisorCommand, { advisorTenantId: string; name: string; registeredAt: string }> {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly advisors: TenantAdvisorRepository,
    private readonly codes: AdvisorRegistrationCodeRepository,
  ) {}

  async execute(command: RegisterAdvisorCommand): Promise<{ advisorTenantId: string; name: string; registeredAt: string }> {
    const tenantId = command.actor.tenantId;
    let result = { advisorTenantId: command.advisorTenantId, name: '', registeredAt: '' };
    await this.tenants.change(tenantId, command.actor, async (em) => {
      const tenants = await this.tenants.findMany(em, [tenantId, command.advisorTenantId]);
      const own = tenants.find((tenant) => tenant.id === tenantId);
      const advisor = tenants.find((tenant) => tenant.id === command.advisorTenantId);
      if (own?.kind === 'advisory_body') throw new DomainError('ADVISOR.NOT_ALLOWED', 'An advisory body does not register advisors of its own.', 'forbidden');
      if (!advisor || advisor.kind !== 'advisory_body' || advisor.id === tenantId) throw invalid('advisorTenantId', 'must be the tenant id of an advisory_body tenant');
      const codeId = await this.codes.redeem(em, hashRegistrationCode(command.registrationCode), advisor.id, tenantId);
      if (!codeId) throw invalid('registrationCode', 'must be an unused, unexpired registration code that this advisory body issued for your tenant');
      const registeredAt = await this.advisors.register(em, tenantId, advisor.id, command.actor.id);
      result = { advisorTenantId: advisor.id, name: advisor.name, registeredAt: registeredAt.toISOString() };
      return [{ type: 'AdvisorRegistered', payload: { advisorTenantId: advisor.id, registrationCodeId: codeId } }];
    });
    return result;
  }
}
