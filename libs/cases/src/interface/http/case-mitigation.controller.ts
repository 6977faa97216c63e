import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { ApiProblems, parseId, Roles } from '@ajar/http';
import { AgreeMitigationPlanCommand } from '../../application/commands/agree-mitigation-plan/agree-mitigation-plan.command';
import { CompleteMeasureCommand } from '../../application/commands/complete-measure/complete-measure.command';
import { ProposeMitigationPlanCommand } from '../../application/commands/propose-mitigation-plan/propose-mitigation-plan.command';
import { caseChangeProblems } from './case-problems';
import { expectedVersionFrom } from './cases.controller';
import { CaseCommandResponse, MitigationProposedResponse } from './dto/case.responses';
import { MeasureCompletionRequest, MitigationAgreementRequest, MitigationPlanRequest } from './dto/escalation.requests';

/** The mitigation plan (RULES §5): proposed, agreed, measures completed with evidence. */
@ApiTags('mitigation')
@Controller('v1/cases/:id/mitigation-plan')
export class CaseMitigationController {
  constructor(private readonly commands: CommandBus) {}

  /** Proposes (or replaces a still-proposed) plan; MIT-15 is refused without a legal basis (RS-F-005). */
  @Post()
  @HttpCode(201)
  @Roles('rso')
  @ApiOperation({ operationId: 'proposeMitigationPlan' })
  @ApiProblems(caseChangeProblems({ 409: ['MITIGATION.PLAN_AGREED: a plan is already agreed', 'MITIGATION.ESCALATION_OPEN'], 422: ['MITIGATION.UNKNOWN_MEASURE', 'MITIGATION.DUPLICATE_MEASURE', 'MITIGATION.LEGAL_BASIS_REQUIRED: MIT-15 needs a legal basis'] }))
  propose(
    @Param('id', parseId()) id: string,
    @Body() body: MitigationPlanRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<MitigationProposedResponse> {
    const measures = body.measures.map((m) => ({ measure: m.measure, strength: m.strength, owner: m.owner, dueInDays: m.dueInDays, evidenceExpected: m.evidenceExpected, legalBasis: m.legalBasis ?? null }));
    return this.commands.execute(new ProposeMitigationPlanCommand(actor.tenantId, id, measures, actor, expectedVersionFrom(ifMatch)));
  }

  /** The applicant's side agrees: due times start, and a re-appraisal records the residual risk. */
  @Post('agreement')
  @HttpCode(200)
  @Roles('applicant', 'integrator')
  @ApiOperation({ operationId: 'agreeMitigationPlan' })
  @ApiProblems(caseChangeProblems({ 409: ['MITIGATION.NO_PLAN', 'MITIGATION.PLAN_AGREED'] }))
  agree(
    @Param('id', parseId()) id: string,
    @Body() body: MitigationAgreementRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    return this.commands.execute(new AgreeMitigationPlanCommand(actor.tenantId, id, body.planId, actor, expectedVersionFrom(ifMatch)));
  }

  /** A measure is done: the evidence, and optionally a document reference with its SHA-256. */
  @Post('measures/:measureId/completion')
  @HttpCode(200)
  @Roles('applicant', 'integrator', 'rso')
  @ApiOperation({ operationId: 'completeMeasure' })
  @ApiProblems(caseChangeProblems({ 409: ['MITIGATION.NO_MEASURE', 'MITIGATION.PLAN_NOT_AGREED', 'MITIGATION.MEASURE_COMPLETED'] }))
  complete(
    @Param('id', parseId()) id: string,
    @Param('measureId', parseId('measureId')) measureId: string,
    @Body() body: MeasureCompletionRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    const document = body.document ? { reference: body.document.reference, sha256: body.document.sha256 } : null;
    return this.commands.execute(new CompleteMeasureCommand(actor.tenantId, id, measureId, body.evidence, document, actor, expectedVersionFrom(ifMatch)));
  }
}
