export { ReferenceIndexModule, ReferenceListsHttpModule } from './reference-lists.module';
export { ReferenceIndexProvider } from './application/reference-index.provider';
export { LIST_UPLOAD_TYPES } from './interface/http/reference-lists.controller';
export { ReferenceListEntryOrmEntity, ReferenceListOrmEntity, ReferenceListVersionOrmEntity } from './infrastructure/reference-list.orm-entity';
