import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { TenantActor, TenantCaller } from '@ajar/access';
import { ProblemException, Roles } from '@ajar/http';
import { DefineReferenceListCommand, ReferenceListDefinition } from '../../application/commands/define-reference-list/define-reference-list.command';
import { PublishedListVersion, PublishListVersionCommand } from '../../application/commands/publish-list-version/publish-list-version.command';
import { GetReferenceListQuery, ListReferenceListsQuery, ReferenceListDetail, ReferenceListSummary } from '../../application/queries/reference-list.queries';
import { DefineReferenceListRequest } from './dto/define-reference-list.request';
import { csvRows, followTheMoneyRows } from './upload-rows';

export const LIST_UPLOAD_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/json-lines', 'text/csv'];
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

@ApiTags('reference-lists')
@ApiBearerAuth()
@Controller('v1/reference-lists')
export class ReferenceListsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Defines a list (kind, topic → severity) or updates its description and severities. */
  @Put(':listId')
  @Roles('admin')
  define(@Param('listId') id: string, @Body() body: DefineReferenceListRequest, @TenantCaller() actor: TenantActor): Promise<ReferenceListDefinition> {
    return this.commands.execute(new DefineReferenceListCommand(actor.tenantId, listId(id), body.kind, body.topicSeverity ?? {}, body.description, actor));
  }

  /**
   * Uploads the next version, streamed: FollowTheMoney JSON lines (`application/x-ndjson`; schemas
   * Organization, Company, LegalEntity, PublicBody, Person) or CSV (`text/csv`, header
   * `id,schema,name,aliases,weak_aliases,country,registration_number,lei,ror,topics,last_change`,
   * multi-values separated by `;`). Bad rows are reported with their line numbers and nothing is
   * stored; a version with less than half the previous one's entries needs `force=true`.
   */
  @Post(':listId/versions')
  @HttpCode(201)
  @Roles('admin')
  @ApiConsumes(...LIST_UPLOAD_TYPES)
  @ApiQuery({ name: 'force', required: false, type: Boolean })
  upload(
    @Param('listId') id: string,
    @Query('force') force: string | undefined,
    @Req() request: Request,
    @TenantCaller() actor: TenantActor,
  ): Promise<PublishedListVersion> {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!LIST_UPLOAD_TYPES.includes(type)) {
      throw new ProblemException(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', `Send the list as ${LIST_UPLOAD_TYPES.join(' or ')}.`, [
        { field: 'Content-Type', reason: `must be one of ${LIST_UPLOAD_TYPES.join(', ')}` },
      ]);
    }
    if (force !== undefined && force !== 'true' && force !== 'false') {
      throw new ProblemException(400, 'REQUEST.VALIDATION_FAILED', 'The request is not valid', 'force must be true or false.', [{ field: 'force', reason: 'must be true or false' }]);
    }
    const rows = type === 'text/csv' ? csvRows(request) : followTheMoneyRows(request);
    return this.commands.execute(new PublishListVersionCommand(actor.tenantId, listId(id), rows, force === 'true', actor));
  }

  @Get()
  @Roles(...READERS)
  list(@TenantCaller() actor: TenantActor): Promise<{ items: ReferenceListSummary[] }> {
    return this.queries.execute(new ListReferenceListsQuery(actor.tenantId));
  }

  /** A list with its versions, their entry counts and each version's diff against the one before. */
  @Get(':listId')
  @Roles(...READERS)
  get(@Param('listId') id: string, @TenantCaller() actor: TenantActor): Promise<ReferenceListDetail> {
    return this.queries.execute(new GetReferenceListQuery(actor.tenantId, listId(id)));
  }
}
