import { Controller, Get, Logger, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { ApiProblems, CostlyRoute, ProblemException, Roles } from '@ajar/http';
import { DomainError } from '@ajar/kernel';
import {
  CountRegisterQuery,
  ListRegisterQuery,
  RegisterFilters,
  RegisterPage,
} from '../../application/queries/list-register.query';
import { ListRegisterRequest } from './dto/list-register.request';
import { RegisterPageResponse } from './dto/case.responses';
import { registerCsvHeader, registerCsvRow } from './register.csv';

/** The most rows one CSV export carries; a larger register is cut (newest first) and says so. */
export const REGISTER_CSV_CAP = 100_000;
/** Rows read per query while streaming the CSV. */
export const REGISTER_CSV_PAGE = 500;

/** Writes a chunk, waiting for the socket to drain (or close) when its buffer is full. */
function write(response: Response, chunk: string): Promise<void> {
  if (response.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}

/** `from` must come before `to`: a range that selects nothing is a mistake, not a question. */
function checkRange(filters: RegisterFilters): void {
  if (filters.from && filters.to && Date.parse(filters.from) >= Date.parse(filters.to)) {
    throw new DomainError('REQUEST.INVALID_RANGE', 'to: must be later than from', 'unprocessable', {
      errors: [{ field: 'to', reason: 'must be later than from' }],
    });
  }
}

/**
 * The research-security register: every case at level high, very high or blocked, and every case
 * ever escalated, with its escalations and decision. For auditors and approvers.
 */
@ApiTags('register')
@Controller('v1/register')
export class RegisterController {
  private readonly logger = new Logger(RegisterController.name);

  constructor(private readonly queries: QueryBus) {}

  /**
   * Newest first with filters and cursor pagination (like `GET /v1/cases`). With `Accept: text/csv`
   * or `format=csv`: the whole filtered register as one RFC 4180 CSV download, streamed, at most
   * 100 000 rows (`X-Register-Truncated: true` when the register holds more); `limit` and
   * `cursor` page the JSON only. Cells that a spreadsheet would run as a formula are prefixed
   * with `'`.
   */
  @Get()
  @Roles('auditor', 'approver')
  @CostlyRoute({ when: (request) => request.query.format === 'csv' || (request.query.format === undefined && request.accepts(['application/json', 'text/csv']) === 'text/csv') })
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ operationId: 'listRegister' })
  @ApiExtraModels(RegisterPageResponse)
  @ApiOkResponse({
    description: 'A page of the register (JSON), or the register as `register.csv`.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(RegisterPageResponse) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiProblems({ 400: ['REQUEST.INVALID_CURSOR'], 422: ['REQUEST.INVALID_RANGE: to is not later than from'] })
  async list(
    @Query() query: ListRegisterRequest,
    @TenantCaller() actor: TenantActor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { limit, cursor, format, ...filters } = query;
    checkRange(filters);
    const csv = format === 'csv' || (format === undefined && request.accepts(['application/json', 'text/csv']) === 'text/csv');
    response.setHeader('Vary', 'Accept');
    if (!csv) {
      const page: RegisterPage = await this.queries.execute(new ListRegisterQuery(actor.tenantId, filters, limit ?? 25, cursor));
      response.status(200).json(page);
      return;
    }
    const paging = [limit !== undefined ? 'limit' : null, cursor !== undefined ? 'cursor' : null].filter((field): field is string => field !== null);
    if (paging.length > 0) {
      throw new ProblemException(
        400,
        'REQUEST.VALIDATION_FAILED',
        'The request is not valid',
        `${paging.join(', ')}: not with the CSV export, which is the whole filtered register`,
        paging.map((field) => ({ field, reason: 'not with the CSV export, which is the whole filtered register' })),
      );
    }
    await this.streamCsv(actor.tenantId, filters, response);
  }

  private async streamCsv(tenantId: string, filters: RegisterFilters, response: Response): Promise<void> {
    const matching: number = await this.queries.execute(new CountRegisterQuery(tenantId, filters, REGISTER_CSV_CAP));
    response.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': 'attachment; filename="register.csv"',
      'Cache-Control': 'private, no-store',
      'X-Register-Truncated': matching > REGISTER_CSV_CAP ? 'true' : 'false',
    });
    try {
      await write(response, registerCsvHeader());
      let cursor: string | undefined;
      for (let written = 0; written < REGISTER_CSV_CAP && !response.destroyed; ) {
        const size = Math.min(REGISTER_CSV_PAGE, REGISTER_CSV_CAP - written);
        const page: RegisterPage = await this.queries.execute(new ListRegisterQuery(tenantId, filters, size, cursor));
        if (page.items.length > 0) await write(response, page.items.map(registerCsvRow).join(''));
        written += page.items.length;
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      response.end();
    } catch (error) {
      // The status line is gone: cut the connection so the client sees an incomplete download
      // rather than a CSV that looks complete.
      this.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'register export failed mid-stream');
      response.destroy(error as Error);
    }
  }
}
