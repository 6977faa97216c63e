import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { ApiProblems, parseId, Roles } from '@ajar/http';
import { AnswerInformationRequestCommand } from '../../application/commands/answer-information-request/answer-information-request.command';
import { RaiseEscalationCommand } from '../../application/commands/raise-escalation/raise-escalation.command';
import { RecordAdviceCommand } from '../../application/commands/record-advice/record-advice.command';
import { RequestInformationCommand } from '../../application/commands/request-information/request-information.command';
import { WithdrawEscalationCommand } from '../../application/commands/withdraw-escalation/withdraw-escalation.command';
import { ReportChangeOfCircumstancesCommand } from '../../application/commands/report-change-of-circumstances/report-change-of-circumstances.command';
import type { Disclosure } from '../../domain/case-content';
import { inlineDisclosures, toCaseContent, toDisclosure } from './case-request.mapper';
import { ChangeOfCircumstancesRequest } from './dto/change-of-circumstances.request';
import { GetEscalationQuery, type EscalationView } from '../../application/queries/get-escalation.query';
import { ListEscalationsQuery } from '../../application/queries/list-escalations.query';
import { caseChangeProblems } from './case-problems';
import {
  CaseCommandResponse,
  EscalationForAdvisorResponse,
  EscalationForOwnerResponse,
  EscalationListResponse,
  EscalationRaisedResponse,
  InformationRequestedResponse,
} from './dto/case.responses';
import { expectedVersionFrom } from './cases.controller';
import {
  AdviceRequest,
  EscalationRequest,
  EscalationWithdrawalRequest,
  InformationRequestRequest,
  InformationResponseRequest,
  ListEscalationsRequest,
} from './dto/escalation.requests';

/** Escalations (RS-X rules) and information requests on a case. */
@ApiTags('escalation')
@Controller('v1/cases/:id')
export class CaseEscalationController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Escalates a question to `ethics_committee`, `national_advisor` (a registered advisory body,
   * which then sees a minimised package of this case only), `export_control` or `legal`. The due
   * time comes from the policy's `slaDays`; reminders go at half time and on the due day.
   */
  @Post('escalations')
  @HttpCode(201)
  @Roles('rso')
  @ApiOperation({ operationId: 'raiseEscalation' })
  @ApiProblems(caseChangeProblems({ 409: ['ESCALATION.ALREADY_OPEN: an escalation to this target is open'], 422: ['ESCALATION.ADVISOR: advisorTenantId is given exactly when the target is national_advisor', 'ESCALATION.ADVISOR_REQUIRED', 'ESCALATION.ADVISOR_NOT_REGISTERED: the advisory body is not registered with your tenant'] }))
  escalate(
    @Param('id', parseId()) id: string,
    @Body() body: EscalationRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<EscalationRaisedResponse> {
    return this.commands.execute(new RaiseEscalationCommand(actor.tenantId, id, body.target, body.question, body.advisorTenantId, actor, expectedVersionFrom(ifMatch)));
  }

  /** Takes an open escalation back; its reminders and due time go silent. */
  @Post('escalations/:escalationId/withdrawal')
  @HttpCode(200)
  @Roles('rso')
  @ApiOperation({ operationId: 'withdrawEscalation' })
  @ApiProblems(caseChangeProblems({ 404: ['ESCALATION.NOT_FOUND'], 409: ['ESCALATION.CLOSED'] }))
  withdraw(
    @Param('id', parseId()) id: string,
    @Param('escalationId', parseId('escalationId')) escalationId: string,
    @Body() body: EscalationWithdrawalRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    return this.commands.execute(new WithdrawEscalationCommand(actor.tenantId, id, escalationId, body.reason, actor, expectedVersionFrom(ifMatch)));
  }

  /** Asks the applicant a question; the policy's `informationRequestDays` sets the due time. */
  @Post('information-requests')
  @HttpCode(201)
  @Roles('rso')
  @ApiOperation({ operationId: 'requestInformation' })
  @ApiProblems(caseChangeProblems())
  requestInformation(
    @Param('id', parseId()) id: string,
    @Body() body: InformationRequestRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<InformationRequestedResponse> {
    return this.commands.execute(new RequestInformationCommand(actor.tenantId, id, body.question, actor, expectedVersionFrom(ifMatch)));
  }

  /** The applicant answers an information request (`ApplicantResponded`). */
  @Post('information-requests/:requestId/response')
  @HttpCode(200)
  @Roles('applicant', 'integrator')
  @ApiOperation({ operationId: 'answerInformationRequest' })
  @ApiProblems(caseChangeProblems({ 404: ['INFORMATION.NOT_FOUND'], 409: ['INFORMATION.CLOSED'] }))
  answer(
    @Param('id', parseId()) id: string,
    @Param('requestId', parseId('requestId')) requestId: string,
    @Body() body: InformationResponseRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    return this.commands.execute(new AnswerInformationRequestCommand(actor.tenantId, id, requestId, body.response, actor, expectedVersionFrom(ifMatch)));
  }
}

/** Monitoring of approved cases: changes of circumstances (RS-W-002, RS-W-003). */
@ApiTags('monitoring')
@Controller('v1/cases/:id')
export class CaseMonitoringController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * An approved case reports a new partner, team member (with a certified disclosure) or
   * affiliation (a re-certified disclosure). It becomes a new case version and is screened again:
   * a new finding raises `MonitoringAlertRaised` and re-opens review; otherwise it stays approved.
   */
  @Post('change-of-circumstances')
  @HttpCode(202)
  @Roles('applicant', 'integrator', 'rso')
  @ApiOperation({ operationId: 'reportChangeOfCircumstances' })
  @ApiProblems(caseChangeProblems({ 422: ['CASE.INVALID_CONTENT: the changed content breaks a rule of the case'] }))
  report(
    @Param('id', parseId()) id: string,
    @Body() body: ChangeOfCircumstancesRequest,
    @TenantCaller() actor: TenantActor,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseCommandResponse> {
    const disclosures: Record<string, Disclosure> = { ...inlineDisclosures(body.personnel) };
    for (const item of body.disclosures ?? []) disclosures[item.personRef] = toDisclosure(item.disclosure);
    const added = toCaseContent({ partners: body.partners ?? [], personnel: body.personnel ?? [] });
    const change = { partners: added.partners ?? [], personnel: added.personnel ?? [], disclosures };
    return this.commands.execute(new ReportChangeOfCircumstancesCommand(actor.tenantId, id, change, actor, expectedVersionFrom(ifMatch)));
  }
}

/** Escalations as their addressees see them: the committee, export control, legal, or a national advisor's tenant. */
@ApiTags('escalation')
@Controller('v1/escalations')
export class EscalationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Escalations this tenant raised, or (an advisory body) those addressed to it. */
  @Get()
  @Roles('national_advisor', 'ethics_committee', 'rso', 'approver', 'auditor', 'admin')
  @ApiOperation({ operationId: 'listEscalations' })
  list(@Query() query: ListEscalationsRequest, @TenantCaller() actor: TenantActor): Promise<EscalationListResponse> {
    return this.queries.execute(new ListEscalationsQuery(actor.tenantId, query.status, query.limit ?? 50, actor.roles));
  }

  /**
   * A national advisor gets the minimised package (RS-F-008): organisations, technology, finding
   * codes, the question. Of an advisory body, only `national_advisor` keys read it (others: 403).
   */
  @Get(':escalationId')
  @Roles('national_advisor', 'ethics_committee', 'rso', 'approver', 'auditor', 'admin')
  @ApiOperation({ operationId: 'getEscalation' })
  @ApiExtraModels(EscalationForAdvisorResponse, EscalationForOwnerResponse)
  @ApiOkResponse({
    description: 'The escalation with its case (the tenant that raised it), or the minimised package (a national advisor).',
    schema: {
      oneOf: [{ $ref: getSchemaPath(EscalationForOwnerResponse) }, { $ref: getSchemaPath(EscalationForAdvisorResponse) }],
      discriminator: { propertyName: 'audience', mapping: { owner: getSchemaPath(EscalationForOwnerResponse), advisor: getSchemaPath(EscalationForAdvisorResponse) } },
    },
  })
  @ApiProblems({ 403: ['ESCALATION.ADVISOR_ROLE_REQUIRED: only national_advisor keys of the advisory body read its packages'], 404: ['ESCALATION.NOT_FOUND'] })
  get(@Param('escalationId', parseId('escalationId')) escalationId: string, @TenantCaller() actor: TenantActor): Promise<EscalationView> {
    return this.queries.execute(new GetEscalationQuery(escalationId, actor.tenantId, actor.roles));
  }

  /** The addressee answers (`AdviceReceived`): ethics_committee, national_advisor (the advisor's own tenant), or rso for export control and legal. */
  @Post(':escalationId/advice')
  @HttpCode(200)
  @Roles('national_advisor', 'ethics_committee', 'rso')
  @ApiOperation({ operationId: 'recordAdvice' })
  @ApiProblems({ 403: ['ESCALATION.NOT_THE_ADDRESSEE: the escalation is not addressed to you'], 404: ['ESCALATION.NOT_FOUND'], 409: ['ESCALATION.CLOSED'] })
  advise(
    @Param('escalationId', parseId('escalationId')) escalationId: string,
    @Body() body: AdviceRequest,
    @TenantCaller() actor: TenantActor,
  ): Promise<EscalationRaisedResponse> {
    return this.commands.execute(new RecordAdviceCommand(escalationId, body.recommendation, body.advice, actor));
  }
}
