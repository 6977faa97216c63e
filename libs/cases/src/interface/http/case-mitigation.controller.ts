import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { parseId, Roles } from '@ajar/http';
import type { CaseCommandResult } from '../../application/case-changes';
import { AgreeMitigationPlanCommand } from '../../application/commands/agree-mitigation-plan/agree-mitigation-plan.command';
import { CompleteMeasureCommand } from '../../application/commands/complete-measure/complete-measure.command';
import { ProposeMitigationPlanCommand } from '../../application/commands/propose-mitigation-plan/propose-mitigation-plan.command';
import { expectedVersionFrom } from './cases.controller';
import { MeasureCompletionRequest, MitigationAgreementRequest, MitigationPlanRequest } from './dto/escalation.requests';

/** The mitigation plan (RULES §5): proposed, agreed, measures completed with evidence. */
@ApiTags('mitigation')
@ApiBearerAuth()
@Controller('v1/cases/:id/mitigation-plan')
export class CaseMitigationController {
  constructor(private readonly commands: CommandBus) {}

  /** Proposes (or replaces a still-proposed) plan; MIT-15 is refused without a legal basis (RS-F-005). */
  @Post()
  @HttpCode(201)
  @Roles('rso')
  propose(
    @Param('id', parseId()) id: string,
    @Body() body: MitigationPlanRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult & { planId: string; measureIds: string[] }> {
    const measures = body.measures.map((m) => ({ measure: m.measure, strength: m.strength, owner: m.owner, dueInDays: m.dueInDays, evidenceExpected: m.evidenceExpected, legalBasis: m.legalBasis ?? null }));
    return this.commands.execute(new ProposeMitigationPlanCommand(actor.tenantId, id, measures, actor, expectedVersionFrom(ifMatch)));
  }

  /** The applicant's side agrees: due times start, and a re-appraisal records the residual risk. */
  @Post('agreement')
  @HttpCode(200)
  @Roles('applicant', 'integrator')
  agree(
    @Param('id', parseId()) id: string,
    @Body() body: MitigationAgreementRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
    return this.commands.execute(new AgreeMitigationPlanCommand(actor.tenantId, id, body.planId, actor, expectedVersionFrom(ifMatch)));
  }

  /** A measure is done: the evidence, and optionally a document reference with its SHA-256. */
  @Post('measures/:measureId/completion')
  @HttpCode(200)
  @Roles('applicant', 'integrator', 'rso')
  complete(
    @Param('id', parseId()) id: string,
    @Param('measureId', parseId('measureId')) measureId: string,
    @Body() body: MeasureCompletionRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResult> {
    const document = body.document ? { reference: body.document.reference, sha256: body.document.sha256 } : null;
    return this.commands.execute(new CompleteMeasureCommand(actor.tenantId, id, measureId, body.evidence, document, actor, expectedVersionFrom(ifMatch)));
  }
}
