import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import { IssueApiKeyCommand, IssuedApiKey } from '../../application/commands/issue-api-key/issue-api-key.command';
import { RevokeApiKeyCommand } from '../../application/commands/revoke-api-key/revoke-api-key.command';
import { ApiKeyView, ListApiKeysQuery } from '../../application/queries/list-api-keys.query';
import { TenantActor, TenantCaller } from '../../auth/current-actor.decorator';
import { parseId, Roles, SecretInResponse } from '@ajar/http';
import { IssueApiKeyRequest } from './dto/issue-api-key.request';

@ApiTags('api-keys')
@ApiBearerAuth()
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
  issue(@Body() body: IssueApiKeyRequest, @TenantCaller() actor: TenantActor): Promise<IssuedApiKey> {
    return this.commands.execute(new IssueApiKeyCommand(body.name, body.roles, actor, body.contactEmail ?? null));
  }

  /** The tenant's keys (never the keys themselves). */
  @Get()
  @Roles('admin')
  async list(@TenantCaller() actor: TenantActor): Promise<{ items: ApiKeyView[] }> {
    return { items: await this.queries.execute(new ListApiKeysQuery(actor.tenantId)) };
  }

  /** Revokes a key at once. */
  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async revoke(@Param('id', parseId()) id: string, @TenantCaller() actor: TenantActor): Promise<void> {
    await this.commands.execute(new RevokeApiKeyCommand(id, actor));
  }
}
