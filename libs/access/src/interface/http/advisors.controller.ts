import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { ApiProblems, Roles } from '@ajar/http';
import { RegisterAdvisorCommand } from '../../application/commands/register-advisor/register-advisor.command';
import { TenantActor, TenantCaller } from '../../auth/current-actor.decorator';
import { AccessQueryService } from '../../infrastructure/access.query-service';
import { AdvisorListResponse, AdvisorResponse } from './dto/access.responses';

export class AdvisorRegistrationRequest {
  /** The tenant id of an `advisory_body` tenant (the national contact point's). */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  advisorTenantId!: string;

  /** The one-time code the advisory body issued (`POST /v1/advisor-registration-codes`): its consent. */
  @Matches(/^arc_[A-Za-z0-9_-]{43}$/, { message: 'registrationCode must be a registration code (arc_…) issued by the advisory body' })
  registrationCode!: string;
}

/** National advisors: advisory bodies a funder or institution may escalate to (RS-X-002). */
@ApiTags('advisors')
@Controller('v1/advisors')
export class AdvisorsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly access: AccessQueryService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ operationId: 'registerAdvisor', summary: 'Register an advisory body to escalate to, with its registration code' })
  @ApiProblems({
    403: ['ADVISOR.NOT_ALLOWED: an advisory body does not register advisors'],
    422: ['ADVISOR.INVALID: not an advisory_body tenant, or the registration code is missing its consent (unknown, used, expired, revoked or for another tenant)'],
  })
  register(@Body() body: AdvisorRegistrationRequest, @TenantCaller() actor: TenantActor): Promise<AdvisorResponse> {
    return this.commands.execute(new RegisterAdvisorCommand(body.advisorTenantId, body.registrationCode, actor));
  }

  @Get()
  @Roles('admin', 'rso', 'approver')
  @ApiOperation({ operationId: 'listAdvisors', summary: 'The advisory bodies registered with the tenant' })
  async list(@TenantCaller() actor: TenantActor): Promise<AdvisorListResponse> {
    return { items: await this.access.advisors(actor.tenantId) };
  }
}
