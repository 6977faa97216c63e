import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { TenantActor, TenantCaller } from '@ajar/access';
import { ApiProblems, CostlyRoute, ProblemException, Roles } from '@ajar/http';
import { DefineReferenceListCommand } from '../../application/commands/define-reference-list/define-reference-list.command';
import { PublishListVersionCommand } from '../../application/commands/publish-list-version/publish-list-version.command';
import { GetReferenceListQuery, ListReferenceListsQuery } from '../../application/queries/reference-list.queries';
import { checkTopicSeverity, DefineReferenceListRequest } from './dto/define-reference-list.request';
import { LIST_FORMATS, LIST_UPLOAD_TYPES, uploadFormat, uploadRows } from './upload-rows';
import {
  PublishedListVersionResponse,
  ReferenceListDefinitionResponse,
  ReferenceListDetailResponse,
  ReferenceListListResponse,
} from './dto/reference-list.responses';

export { LIST_UPLOAD_TYPES };
const LIST_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;

function listId(value: string): string {
  if (!LIST_ID.test(value)) {
    throw new ProblemException(400, 'REQUEST.INVALID_LIST_ID', 'Invalid list id', 'listId must be lower-case letters, digits, ".", "_" or "-" (at most 100).', [
      { field: 'listId', reason: 'must be lower-case letters, digits, ".", "_" or "-" (at most 100)' },
    ]);
  }
  return value;
}

const READERS = ['admin', 'rso', 'auditor'] as const;

const LIST_ID_PARAMETER = {
  name: 'listId',
  description: 'The list id: lower-case letters, digits, ".", "_" or "-" (at most 100).',
  schema: { type: 'string', pattern: LIST_ID.source, examples: ['eu-sanctions'] },
} as const;
const INVALID_LIST_ID = 'REQUEST.INVALID_LIST_ID: listId is not a list id';

@ApiTags('reference-lists')
@Controller('v1/reference-lists')
export class ReferenceListsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Defines a list (kind, topic → severity) or updates its description and severities. */
  @Put(':listId')
  @Roles('admin')
  @ApiOperation({ operationId: 'defineReferenceList' })
  @ApiParam(LIST_ID_PARAMETER)
  @ApiProblems({ 400: [INVALID_LIST_ID], 409: ['LIST.KIND_FIXED: a list keeps its kind'] })
  define(@Param('listId') id: string, @Body() body: DefineReferenceListRequest, @TenantCaller() actor: TenantActor): Promise<ReferenceListDefinitionResponse> {
    return this.commands.execute(new DefineReferenceListCommand(actor.tenantId, listId(id), body.kind, checkTopicSeverity(body.topicSeverity), body.description, actor));
  }

  /**
   * Uploads the next version, streamed. Formats, by `format` or else by Content-Type:
   * - `ftm`: FollowTheMoney JSON lines (`application/x-ndjson`; schemas Organization, Company,
   *   PublicBody, LegalEntity, Person; `previousName` as former names);
   * - `csv` (`text/csv`): header `id,schema,name,aliases,weak_aliases,former_names,country,
   *   registration_number,lei,ror,topics,last_change`, multi-values separated by `;`;
   * - `ofac`: OFAC's legacy CSV set, one publication (sdn.csv + alt.csv, add.csv, sdn_comments.csv,
   *   or cons_prim.csv + cons_*), as `multipart/form-data` with parts named by file name, or as one
   *   `application/zip`;
   * - `bis-dpl`: the BIS Denied Persons List dpl.txt (`text/tab-separated-values`);
   * - `us-csl`: the US Consolidated Screening List csl.csv (`text/csv` with `format=us-csl`).
   * Bad rows are reported with their file and line numbers and nothing is stored; so are entries the
   * screening index could not analyse. A version with less than half the previous one's entries
   * needs `force=true`.
   */
  @Post(':listId/versions')
  @HttpCode(201)
  @Roles('admin')
  @CostlyRoute()
  @ApiConsumes(...LIST_UPLOAD_TYPES)
  @ApiQuery({ name: 'force', required: false, type: Boolean, description: 'Publish although the version has less than half the previous one\'s entries.' })
  @ApiQuery({
    name: 'format',
    required: false,
    enum: LIST_FORMATS,
    description:
      'ftm (JSON lines), csv (Ajar CSV), ofac (OFAC legacy CSV set: multipart parts named sdn.csv, alt.csv, add.csv, sdn_comments.csv or cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv; or one zip of them), bis-dpl (BIS Denied Persons dpl.txt), us-csl (US Consolidated Screening List csl.csv). Without it the Content-Type decides: JSON lines → ftm, text/csv → csv, multipart/form-data or application/zip → ofac, text/tab-separated-values → bis-dpl.',
  })
  @ApiOperation({ operationId: 'uploadListVersion' })
  @ApiParam(LIST_ID_PARAMETER)
  @ApiBody({
    required: true,
    description: 'The list file, streamed: JSON lines, CSV, tab-separated text, a zip, or multipart/form-data parts named by file name (OFAC).',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({ type: PublishedListVersionResponse })
  @ApiProblems({
    400: [INVALID_LIST_ID, 'REQUEST.VALIDATION_FAILED: a bad `format` or `force`, or an OFAC upload missing its primary file'],
    404: ['LIST.NOT_FOUND: define the list first (PUT)'],
    413: ['REQUEST.TOO_LARGE: an OFAC upload larger than the spool cap'],
    415: ['REQUEST.UNSUPPORTED_MEDIA_TYPE: a Content-Type the format does not come in'],
    422: ['LIST.BAD_ROWS: rows named `line N` or `<file> line N`; nothing stored', 'LIST.EMPTY', 'LIST.TRUNCATION_GUARD: less than half the previous entries; send force=true'],
  })
  upload(
    @Param('listId') id: string,
    @Query('force') force: string | undefined,
    @Query('format') format: string | undefined,
    @Req() request: Request,
    @TenantCaller() actor: TenantActor,
  ): Promise<PublishedListVersionResponse> {
    const chosen = uploadFormat(request.headers['content-type'], format);
    if (force !== undefined && force !== 'true' && force !== 'false') {
      throw new ProblemException(400, 'REQUEST.VALIDATION_FAILED', 'The request is not valid', 'force must be true or false.', [{ field: 'force', reason: 'must be true or false' }]);
    }
    const rows = uploadRows(request, chosen.format, chosen.type);
    return this.commands.execute(new PublishListVersionCommand(actor.tenantId, listId(id), rows, force === 'true', actor));
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listReferenceLists', summary: 'The tenant\'s reference lists' })
  list(@TenantCaller() actor: TenantActor): Promise<ReferenceListListResponse> {
    return this.queries.execute(new ListReferenceListsQuery(actor.tenantId));
  }

  /** A list with its versions, their entry counts and each version's diff against the one before. */
  @Get(':listId')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getReferenceList' })
  @ApiParam(LIST_ID_PARAMETER)
  @ApiProblems({ 400: [INVALID_LIST_ID], 404: ['LIST.NOT_FOUND'] })
  get(@Param('listId') id: string, @TenantCaller() actor: TenantActor): Promise<ReferenceListDetailResponse> {
    return this.queries.execute(new GetReferenceListQuery(actor.tenantId, listId(id)));
  }
}
