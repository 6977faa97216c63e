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

/** Policies as versioned data, and calls bound to a policy version. Imported by apps/api only. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature([PolicyOrmEntity, PolicyVersionOrmEntity, CallOrmEntity])],
  controllers: [PoliciesController],
  providers: [PublishPolicyVersionHandler, OpenCallHandler, GetPolicyHandler, GetCallHandler],
})
export class PoliciesHttpModule {}

/** The policy lookup for the appraisal worker. Imported by worker modules. */
@Module({
  imports: [TypeOrmModule.forFeature([PolicyOrmEntity, PolicyVersionOrmEntity, CallOrmEntity])],
  providers: [PolicyCatalogue],
  exports: [PolicyCatalogue],
})
export class PolicyCatalogueModule {}
