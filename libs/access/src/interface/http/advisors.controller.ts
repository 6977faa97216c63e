import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { ApiProblems, Roles } from '@ajar/http';
import { RegisterAdvisorCommand } from '../../application/commands/register-advisor/register-advisor.command';
import { TenantActor, TenantCaller } from '../../auth/current-actor.decorator';
import { AdvisorListResponse, AdvisorResponse } from './dto/access.responses';

export class AdvisorRegistrationRequest {
  /** The tenant id of an `advisory_body` tenant (the national contact point's). */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  advisorTenantId!: string;
}

/** National advisors: advisory bodies a funder or institution may escalate to (RS-X-002). */
@ApiTags('advisors')
@Controller('v1/advisors')
export class AdvisorsController {
  constructor(
    private readonly commands: CommandBus,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ operationId: 'registerAdvisor', summary: 'Register an advisory body to escalate to' })
  @ApiProblems({ 403: ['ADVISOR.NOT_ALLOWED: this tenant may not register advisors'], 422: ['ADVISOR.INVALID: not an advisory_body tenant'] })
  register(@Body() body: AdvisorRegistrationRequest, @TenantCaller() actor: TenantActor): Promise<AdvisorResponse> {
    return this.commands.execute(new RegisterAdvisorCommand(body.advisorTenantId, actor));
  }

  @Get()
  @Roles('admin', 'rso', 'approver')
  @ApiOperation({ operationId: 'listAdvisors', summary: 'The advisory bodies registered with the tenant' })
  async list(@TenantCaller() actor: TenantActor): Promise<AdvisorListResponse> {
    const rows: { advisor_tenant_id: string; name: string; registered_at: Date }[] = await this.dataSource.query(
      `SELECT a.advisor_tenant_id, t.name, a.registered_at FROM tenant_advisors a JOIN tenants t ON t.id = a.advisor_tenant_id WHERE a.tenant_id = $1 ORDER BY a.registered_at`,
      [actor.tenantId],
    );
    return { items: rows.map((row) => ({ advisorTenantId: row.advisor_tenant_id, name: row.name, registeredAt: row.registered_at.toISOString() })) };
  }
}
