import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ApiProblems, parseId, Roles, SecretInResponse } from '@ajar/http';
import { IssueAdvisorRegistrationCodeCommand } from '../../application/commands/issue-advisor-registration-code/issue-advisor-registration-code.command';
import { RevokeAdvisorRegistrationCodeCommand } from '../../application/commands/revoke-advisor-registration-code/revoke-advisor-registration-code.command';
import { TenantActor, TenantCaller } from '../../auth/current-actor.decorator';
import { DEFAULT_REGISTRATION_CODE_DAYS, MAX_REGISTRATION_CODE_DAYS } from '../../domain/advisor-registration-code';
import { AccessQueryService } from '../../infrastructure/access.query-service';
import { AdvisorRegistrationCodeListResponse, IssuedAdvisorRegistrationCodeResponse } from './dto/access.responses';

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
@ApiTags('advisors')
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
  @ApiOperation({ operationId: 'issueAdvisorRegistrationCode', summary: "Consent to be registered as a tenant's national advisor: a one-time code" })
  @ApiProblems({ 403: ['ADVISOR.NOT_ALLOWED: only an advisory body issues registration codes'] })
  issue(@Body() body: IssueAdvisorRegistrationCodeRequest, @TenantCaller() actor: TenantActor): Promise<IssuedAdvisorRegistrationCodeResponse> {
    return this.commands.execute(new IssueAdvisorRegistrationCodeCommand(actor, body.forTenantId ?? null, body.validForDays ?? DEFAULT_REGISTRATION_CODE_DAYS));
  }

  /** The codes this advisory body issued, used or not (never the codes themselves). */
  @Get()
  @Roles('admin')
  @ApiOperation({ operationId: 'listAdvisorRegistrationCodes', summary: 'The registration codes this advisory body issued' })
  async list(@TenantCaller() actor: TenantActor): Promise<AdvisorRegistrationCodeListResponse> {
    return { items: await this.access.registrationCodes(actor.tenantId) };
  }

  /** Withdraws an unused code at once. */
  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ operationId: 'revokeAdvisorRegistrationCode', summary: 'Withdraw an unused registration code' })
  @ApiProblems({ 404: ['ADVISOR.CODE_NOT_FOUND: no unused code with this id in your tenant'] })
  async revoke(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<void> {
    await this.commands.execute(new RevokeAdvisorRegistrationCodeCommand(id, actor));
  }
}
