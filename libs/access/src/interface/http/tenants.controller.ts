import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import type { Actor } from '@ajar/observability';
import { CreateTenantCommand } from '../../application/commands/create-tenant/create-tenant.command';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { BootstrapTokenOnly, SecretInResponse } from '@ajar/http';
import { CreateTenantRequest } from './dto/create-tenant.request';
import { TenantCreatedResponse } from './dto/access.responses';

@ApiTags('tenants')
@Controller('v1/tenants')
export class TenantsController {
  constructor(private readonly commands: CommandBus) {}

  /** Creates a tenant and returns its first admin API key. The key is shown once. Needs the bootstrap token. */
  @Post()
  @HttpCode(201)
  @BootstrapTokenOnly()
  @SecretInResponse('apiKey')
  @ApiOperation({ operationId: 'createTenant' })
  create(@Body() body: CreateTenantRequest, @CurrentActor() actor: Actor): Promise<TenantCreatedResponse> {
    return this.commands.execute(new CreateTenantCommand(body.name, body.kind, actor));
  }
}
