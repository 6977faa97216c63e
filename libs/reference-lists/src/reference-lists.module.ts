import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DefineReferenceListHandler } from './application/commands/define-reference-list/define-reference-list.handler';
import { PublishListVersionHandler } from './application/commands/publish-list-version/publish-list-version.handler';
import { GetReferenceListHandler, ListReferenceListsHandler } from './application/queries/reference-list.queries';
import { ReferenceIndexProvider } from './application/reference-index.provider';
import { ReferenceListEntryOrmEntity, ReferenceListOrmEntity, ReferenceListVersionOrmEntity } from './infrastructure/reference-list.orm-entity';
import { ReferenceListsController } from './interface/http/reference-lists.controller';
import { ListMonitoringProgressRepository } from './infrastructure/list-monitoring-progress.repository';
import { ReferenceListQueryService } from './infrastructure/reference-list.query-service';
import { ReferenceListRepository } from './infrastructure/reference-list.repository';

const entities = TypeOrmModule.forFeature([ReferenceListOrmEntity, ReferenceListVersionOrmEntity, ReferenceListEntryOrmEntity]);

/** The appraisal worker's access to reference lists. */
@Module({
  imports: [entities],
  providers: [ReferenceIndexProvider, ReferenceListQueryService, ListMonitoringProgressRepository],
  exports: [ReferenceIndexProvider, ListMonitoringProgressRepository],
})
export class ReferenceIndexModule {}

/** Lists and their versions over HTTP. Imported by apps/api only. */
@Module({
  imports: [CqrsModule, entities],
  controllers: [ReferenceListsController],
  providers: [DefineReferenceListHandler, PublishListVersionHandler, ListReferenceListsHandler, GetReferenceListHandler, ReferenceListRepository, ReferenceListQueryService],
})
export class ReferenceListsHttpModule {}
