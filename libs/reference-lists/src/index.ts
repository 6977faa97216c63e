export { ReferenceIndexModule, ReferenceListsHttpModule } from './reference-lists.module';
export { ReferenceIndexProvider } from './application/reference-index.provider';
export { ListMonitoringProgressRepository } from './infrastructure/list-monitoring-progress.repository';
export type { MonitoredListVersion, MonitoringMessage } from './infrastructure/list-monitoring-progress.repository';
export { LIST_UPLOAD_TYPES } from './interface/http/reference-lists.controller';
export { ReferenceListEntryOrmEntity, ReferenceListOrmEntity, ReferenceListVersionOrmEntity } from './infrastructure/reference-list.orm-entity';
// Pure readers of the list formats, for callers without HTTP (the matching evaluation, scripts).
export type { NumberedRow, ParsedRow, RowProblem } from './domain/list-entry-parsing';
export { csvRows, followTheMoneyRows } from './domain/ftm-and-csv-rows';
export { OFAC_FILE_NAMES, readOfacPublication } from './domain/ofac-publication';
export type { OfacPublicationFiles, OfacSet } from './domain/ofac-publication';
export { bisDeniedPersonId, readBisDeniedPersons } from './domain/bis-denied-persons';
export { readUsConsolidatedScreeningList } from './domain/us-consolidated-screening-list';
export { countryCode } from './domain/country-codes';
