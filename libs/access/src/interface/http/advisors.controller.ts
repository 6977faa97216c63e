import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { Roles } from '@ajar/http';
import { RegisterAdvisorCommand } from '../../application/commands/register-advisor/register-advisor.command';
import { TenantActor, TenantCaller } from '../../auth/current-actor.decorator';
import { AccessQueryService, AdvisorView } from '../../infrastructure/access.query-service';

export class AdvisorRegistrationRequest {
  /** The tenant id of an `advisory_body` tenant (the national contact point's). */
  @IsUUID()
  advisorTenantId!: string;

  /** The one-time code the advisory body issued (`POST /v1/advisor-registration-codes`): its consent. */
  @Matches(/^arc_[A-Za-z0-9_-]{43}$/, { message: 'registrationCode must be a registration code (arc_…) issued by the advisory body' })
  registrationCode!: string;
}

/** National advisors: advisory bodies a funder or institution may escalate to (RS-X-002). */
@ApiTags('tenants and keys')
@ApiBearerAuth()
@Controller('v1/advisors')
export class AdvisorsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly access: AccessQueryService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  register(@Body() body: AdvisorRegistrationRequest, @TenantCaller() actor: TenantActor): Promise<{ advisorTenantId: string; name: string; registeredAt: string }> {
    return this.commands.execute(new RegisterAdvisorCommand(body.advisorTenantId, body.registrationCode, actor));
  }

  @Get()
  @Roles('admin', 'rso', 'approver')
  async list(@TenantCaller() actor: TenantActor): Promise<{ items: AdvisorView[] }> {
    return { items: await this.access.advisors(actor.tenantId) };
  }
}
