import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { ApiProblems, parseId, Roles } from '@ajar/http';
import { CASE_NOT_FOUND } from './case-problems';
import { DecisionLetter, GetDecisionLetterQuery } from '../../application/queries/get-decision-letter.query';
import { renderDecisionLetterHtml } from './decision-letter.html';

/** The letter is the applicant's too: everyone who reads the tenant's cases may read it. */
const LETTER_READERS = ['admin', 'rso', 'approver', 'applicant', 'integrator', 'auditor', 'ethics_committee'] as const;

/**
 * The letter holds names of keys, findings and the applicant's words: not for shared caches, and
 * as HTML it may load nothing (no scripts, no remote assets; inline style only).
 */
const HTML_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Cache-Control': 'private, no-store',
};

/** Records of a case for people and archives: the decision letter. */
@ApiTags('review and decision')
@Controller('v1/cases/:id')
export class CaseRecordsController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * The decision record (RULES §6): outcome and status, reasons with their rule titles and the
   * findings behind them, conditions, measures, residual risk, approvers and reviewer, dates, the
   * applicant's response, the appeal window and appeal, earlier overturned decisions, and the
   * policy, rule and reference-list versions in force. JSON, or with `Accept: text/html` a
   * self-contained HTML letter. 409 `DECISION.NOT_RECORDED` while no decision is recorded (a
   * proposal awaiting its second approver is not a decision).
   */
  @Get('decision-letter')
  @Roles(...LETTER_READERS)
  @ApiProduces('application/json', 'text/html')
  @ApiOperation({ operationId: 'getDecisionLetter' })
  @ApiOkResponse({
    description: 'The decision record as JSON, or as an HTML document with `Accept: text/html`.',
    content: {
      'application/json': { schema: { type: 'object', additionalProperties: true } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiProblems({ 404: [CASE_NOT_FOUND], 409: ['DECISION.NOT_RECORDED: no decision recorded yet, or awaiting its second approval'] })
  async letter(
    @Param('id', parseId()) id: string,
    @TenantCaller() actor: TenantActor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const letter: DecisionLetter = await this.queries.execute(new GetDecisionLetterQuery(actor.tenantId, id));
    response.setHeader('Vary', 'Accept');
    if (request.accepts(['application/json', 'text/html']) === 'text/html') {
      response.status(200).set(HTML_HEADERS).send(renderDecisionLetterHtml(letter));
      return;
    }
    response.status(200).json(letter);
  }
}
