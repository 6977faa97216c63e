import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PolicyCatalogue } from './application/policy-catalogue';
import { OpenCallHandler } from './application/commands/open-call/open-call.handler';
import { PublishPolicyVersionHandler } from './application/commands/publish-policy-version/publish-policy-version.handler';
import { GetCallHandler } from './application/queries/get-call.query';
import { GetPolicyHandler } from './application/queries/get-policy.query';
import { CallOrmEntity, PolicyOrmEntity, PolicyVersionOrmEntity } from './infrastructure/policy.orm-entity';
import { PoliciesController } from './interface/http/policies.controller';
import { CallRepository } from './infrastructure/call.repository';
import { PolicyQueryService } from './infrastructure/policy.query-service';
import { PolicyRepository } from './infrastructure/policy.repository';

/** Policies as versioned data, and calls bound to a policy version. Imported by apps/api only. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature([PolicyOrmEntity, PolicyVersionOrmEntity, CallOrmEntity])],
  controllers: [PoliciesController],
  providers: [PublishPolicyVersionHandler, OpenCallHandler, GetPolicyHandler, GetCallHandler, PolicyRepository, CallRepository, PolicyQueryService],
})
export class PoliciesHttpModule {}

/** The policy lookup for the appraisal worker. Imported by worker modules. */
@Module({
  imports: [TypeOrmModule.forFeature([PolicyOrmEntity, PolicyVersionOrmEntity, CallOrmEntity])],
  providers: [PolicyCatalogue, PolicyQueryService],
  exports: [PolicyCatalogue],
})
export class PolicyCatalogueModule {}
