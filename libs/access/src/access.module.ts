import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateTenantHandler } from './application/commands/create-tenant/create-tenant.handler';
import { IssueApiKeyHandler } from './application/commands/issue-api-key/issue-api-key.handler';
import { RevokeApiKeyHandler } from './application/commands/revoke-api-key/revoke-api-key.handler';
import { RegisterAdvisorHandler } from './application/commands/register-advisor/register-advisor.handler';
import { AdvisorsController } from './interface/http/advisors.controller';
import { AdvisorRegistrationCodesController } from './interface/http/advisor-registration-codes.controller';
import { IssueAdvisorRegistrationCodeHandler } from './application/commands/issue-advisor-registration-code/issue-advisor-registration-code.handler';
import { RevokeAdvisorRegistrationCodeHandler } from './application/commands/revoke-advisor-registration-code/revoke-advisor-registration-code.handler';
import { AdvisorRegistrationCodeRepository } from './infrastructure/advisor-registration-code.repository';
import { AdvisorRegistrationCodeOrmEntity } from './infrastructure/advisor-registration-code.orm-entity';
import { ListApiKeysHandler } from './application/queries/list-api-keys.handler';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyOrmEntity } from './infrastructure/api-key.orm-entity';
import { TenantOrmEntity } from './infrastructure/tenant.orm-entity';
import { AccessQueryService } from './infrastructure/access.query-service';
import { ApiKeyRepository } from './infrastructure/api-key.repository';
import { TenantAdvisorRepository } from './infrastructure/tenant-advisor.repository';
import { TenantRepository } from './infrastructure/tenant.repository';
import { ApiKeysController } from './interface/http/api-keys.controller';
import { TenantsController } from './interface/http/tenants.controller';

/** Tenants, API keys and the authentication guard of the API. Imported by apps/api only. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature([TenantOrmEntity, ApiKeyOrmEntity, AdvisorRegistrationCodeOrmEntity])],
  controllers: [TenantsController, ApiKeysController, AdvisorsController, AdvisorRegistrationCodesController],
  providers: [
    CreateTenantHandler,
    IssueApiKeyHandler,
    RevokeApiKeyHandler,
    RegisterAdvisorHandler,
    IssueAdvisorRegistrationCodeHandler,
    RevokeAdvisorRegistrationCodeHandler,
    AdvisorRegistrationCodeRepository,
    ListApiKeysHandler,
    TenantRepository,
    ApiKeyRepository,
    TenantAdvisorRepository,
    AccessQueryService,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
})
export class AccessHttpModule {}
