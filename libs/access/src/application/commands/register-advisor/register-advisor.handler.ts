import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@ajar/kernel';
import { EventStore } from '@ajar/event-store';
import { changeTenant } from '../tenant-stream';
import { RegisterAdvisorCommand } from './register-advisor.command';

const invalid = (message: string) => new DomainError('ADVISOR.INVALID', message, 'unprocessable', { errors: [{ field: 'advisorTenantId', reason: message }] });

/**
 * Only an `advisory_body` tenant can be registered, by a funder or institution, and not itself.
 * An unknown tenant id answers as one that is not an advisory body: tenant ids do not leak.
 */
@CommandHandler(RegisterAdvisorCommand)
export class RegisterAdvisorHandler implements ICommandHandler<RegisterAdvisorCommand, { advisorTenantId: string; name: string; registeredAt: string }> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  async execute(command: RegisterAdvisorCommand): Promise<{ advisorTenantId: string; name: string; registeredAt: string }> {
    const tenantId = command.actor.tenantId;
    let result = { advisorTenantId: command.advisorTenantId, name: '', registeredAt: '' };
    await this.dataSource.transaction((em) =>
      changeTenant(em, this.events, tenantId, command.actor, async () => {
        const tenants: { id: string; kind: string; name: string }[] = await em.query(`SELECT id, kind, name FROM tenants WHERE id = ANY($1::uuid[])`, [[tenantId, command.advisorTenantId]]);
        const own = tenants.find((tenant) => tenant.id === tenantId);
        const advisor = tenants.find((tenant) => tenant.id === command.advisorTenantId);
        if (own?.kind === 'advisory_body') throw new DomainError('ADVISOR.NOT_ALLOWED', 'An advisory body does not register advisors of its own.', 'forbidden');
        if (!advisor || advisor.kind !== 'advisory_body' || advisor.id === tenantId) throw invalid('must be the tenant id of an advisory_body tenant');
        const inserted: { registered_at: Date }[] = await em.query(
          `INSERT INTO tenant_advisors (tenant_id, advisor_tenant_id, registered_by, registered_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (tenant_id, advisor_tenant_id) DO UPDATE SET registered_at = tenant_advisors.registered_at RETURNING registered_at`,
          [tenantId, advisor.id, command.actor.id],
        );
        result = { advisorTenantId: advisor.id, name: advisor.name, registeredAt: inserted[0].registered_at.toISOString() };
        return [{ type: 'AdvisorRegistered', payload: { advisorTenantId: advisor.id } }];
      }),
    );
    return result;
  }
}
