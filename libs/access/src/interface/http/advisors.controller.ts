import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '@ajar/http';
import { RegisterAdvisorCommand } from '../../application/commands/register-advisor/register-advisor.command';
import { TenantActor, TenantCaller } from '../../auth/current-actor.decorator';

export class AdvisorRegistrationRequest {
  /** The tenant id of an `advisory_body` tenant (the national contact point's). */
  @IsUUID()
  advisorTenantId!: string;
}

/** National advisors: advisory bodies a funder or institution may escalate to (RS-X-002). */
@ApiTags('tenants and keys')
@ApiBearerAuth()
@Controller('v1/advisors')
export class AdvisorsController {
  constructor(
    private readonly commands: CommandBus,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  register(@Body() body: AdvisorRegistrationRequest, @TenantCaller() actor: TenantActor): Promise<{ advisorTenantId: string; name: string; registeredAt: string }> {
    return this.commands.execute(new RegisterAdvisorCommand(body.advisorTenantId, actor));
  }

  @Get()
  @Roles('admin', 'rso', 'approver')
  async list(@TenantCaller() actor: TenantActor): Promise<{ items: { advisorTenantId: string; name: string; registeredAt: string }[] }> {
    const rows: { advisor_tenant_id: string; name: string; registered_at: Date }[] = await this.dataSource.query(
      `SELECT a.advisor_tenant_id, t.name, a.registered_at FROM tenant_advisors a JOIN tenants t ON t.id = a.advisor_tenant_id WHERE a.tenant_id = $1 ORDER BY a.registered_at`,
      [actor.tenantId],
    );
    return { items: rows.map((row) => ({ advisorTenantId: row.advisor_tenant_id, name: row.name, registeredAt: row.registered_at.toISOString() })) };
  }
}
