export { ReferenceIndexModule } from './reference-lists.module';
export { ReferenceIndexProvider } from './application/reference-index.provider';
export { ReferenceListEntryOrmEntity, ReferenceListVersionOrmEntity } from './infrastructure/reference-list.orm-entity';
