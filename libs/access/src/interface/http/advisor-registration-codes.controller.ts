import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { parseId, Roles, SecretInResponse } from '@ajar/http';
import { IssueAdvisorRegistrationCodeCommand, IssuedAdvisorRegistrationCode } from '../../application/commands/issue-advisor-registration-code/issue-advisor-registration-code.command';
import { RevokeAdvisorRegistrationCodeCommand } from '../../application/commands/revoke-advisor-registration-code/revoke-advisor-registration-code.command';
import { TenantActor, TenantCaller } from '../../auth/current-actor.decorator';
import { DEFAULT_REGISTRATION_CODE_DAYS, MAX_REGISTRATION_CODE_DAYS } from '../../domain/advisor-registration-code';
import { AccessQueryService, AdvisorRegistrationCodeView } from '../../infrastructure/access.query-service';

export class IssueAdvisorRegistrationCodeRequest {
  /** The one funder or institution (tenant id) that may present the code; any, when absent. */
  @IsOptional()
  @IsUUID()
  forTenantId?: string;

  /** Days the code stays valid (default 7, at most 30). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REGISTRATION_CODE_DAYS)
  validForDays?: number;
}

/**
 * An advisory body's consent to be registered as a national advisor: its admin issues a one-time
 * code and hands it to the institution or funder, which presents it to `POST /v1/advisors`.
 */
@ApiTags('tenants and keys')
@ApiBearerAuth()
@Controller('v1/advisor-registration-codes')
export class AdvisorRegistrationCodesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly access: AccessQueryService,
  ) {}

  /** Issues a code (shown once, stored hashed), valid for `validForDays` (default 7 days). */
  @Post()
  @HttpCode(201)
  @Roles('admin')
  @SecretInResponse('code')
  issue(@Body() body: IssueAdvisorRegistrationCodeRequest, @TenantCaller() actor: TenantActor): Promise<IssuedAdvisorRegistrationCode> {
    return this.commands.execute(new IssueAdvisorRegistrationCodeCommand(actor, body.forTenantId ?? null, body.validForDays ?? DEFAULT_REGISTRATION_CODE_DAYS));
  }

  /** The codes this advisory body issued, used or not (never the codes themselves). */
  @Get()
  @Roles('admin')
  async list(@TenantCaller() actor: TenantActor): Promise<{ items: AdvisorRegistrationCodeView[] }> {
    return { items: await this.access.registrationCodes(actor.tenantId) };
  }

  /** Withdraws an unused code at once. */
  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async revoke(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<void> {
    await this.commands.execute(new RevokeAdvisorRegistrationCodeCommand(id, actor));
  }
}
