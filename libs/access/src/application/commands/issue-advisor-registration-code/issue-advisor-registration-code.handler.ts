import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { DomainError } from '@ajar/kernel';
import { generateRegistrationCode, registrationCodeExpiry } from '../../../domain/advisor-registration-code';
import { AdvisorRegistrationCodeRepository } from '../../../infrastructure/advisor-registration-code.repository';
import { TenantRepository } from '../../../infrastructure/tenant.repository';
import { IssueAdvisorRegistrationCodeCommand, IssuedAdvisorRegistrationCode } from './issue-advisor-registration-code.command';

@CommandHandler(IssueAdvisorRegistrationCodeCommand)
export class IssueAdvisorRegistrationCodeHandler implements ICommandHandler<IssueAdvisorRegistrationCodeCommand, IssuedAdvisorRegistrationCode> {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly codes: AdvisorRegistrationCodeRepository,
  ) {}

  async execute(command: IssueAdvisorRegistrationCodeCommand): Promise<IssuedAdvisorRegistrationCode> {
    const tenantId = command.actor.tenantId;
    const secret = generateRegistrationCode();
    const issuedAt = new Date();
    const code = {
      id: uuidv7(),
      advisorTenantId: tenantId,
      codeHash: secret.hash,
      forTenantId: command.forTenantId,
      issuedBy: command.actor.id,
      issuedAt,
      expiresAt: registrationCodeExpiry(issuedAt, command.validForDays),
      redeemedByTenantId: null,
      redeemedAt: null,
      revokedAt: null,
    };
    await this.tenants.change(tenantId, command.actor, async (em) => {
      if ((await this.tenants.kindOf(em, tenantId)) !== 'advisory_body') {
        throw new DomainError('ADVISOR.NOT_ALLOWED', 'Only an advisory body issues registration codes.', 'forbidden');
      }
      await this.codes.insert(em, code);
      // The code stays out of the permanent event log; its id and terms are enough to audit it.
      return [{ type: 'AdvisorRegistrationCodeIssued', payload: { codeId: code.id, forTenantId: code.forTenantId, expiresAt: code.expiresAt.toISOString() } }];
    });
    return { id: code.id, code: secret.code, forTenantId: code.forTenantId, issuedAt: issuedAt.toISOString(), expiresAt: code.expiresAt.toISOString() };
  }
}
