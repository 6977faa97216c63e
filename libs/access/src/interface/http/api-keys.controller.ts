import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { IssueApiKeyCommand } from '../../application/commands/issue-api-key/issue-api-key.command';
import { RevokeApiKeyCommand } from '../../application/commands/revoke-api-key/revoke-api-key.command';
import { ListApiKeysQuery } from '../../application/queries/list-api-keys.query';
import { TenantActor, TenantCaller } from '../../auth/current-actor.decorator';
import { ApiProblems, parseId, Roles, SecretInResponse } from '@ajar/http';
import { ApiKeyListResponse, IssuedApiKeyResponse } from './dto/access.responses';
import { IssueApiKeyRequest } from './dto/issue-api-key.request';

@ApiTags('api-keys')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Issues an API key with roles for the caller's tenant. The key is shown once, stored hashed. */
  @Post()
  @HttpCode(201)
  @Roles('admin')
  @SecretInResponse('key')
  @ApiOperation({ operationId: 'issueApiKey' })
  @ApiProblems({ 422: ['API_KEY.ROLE_NOT_FOR_TENANT: a role this kind of tenant cannot hold'] })
  issue(@Body() body: IssueApiKeyRequest, @TenantCaller() actor: TenantActor): Promise<IssuedApiKeyResponse> {
    return this.commands.execute(new IssueApiKeyCommand(body.name, body.roles, actor, body.contactEmail ?? null));
  }

  /** The tenant's keys (never the keys themselves). */
  @Get()
  @Roles('admin')
  @ApiOperation({ operationId: 'listApiKeys' })
  async list(@TenantCaller() actor: TenantActor): Promise<ApiKeyListResponse> {
    return { items: await this.queries.execute(new ListApiKeysQuery(actor.tenantId)) };
  }

  /** Revokes a key at once. */
  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ operationId: 'revokeApiKey' })
  @ApiProblems({ 404: ['API_KEY.NOT_FOUND'], 409: ['API_KEY.LAST_ADMIN: the tenant would have no admin key left'] })
  async revoke(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<void> {
    await this.commands.execute(new RevokeApiKeyCommand(id, actor));
  }
}
