export { EventStore } from './event-store';
export type { AppendToStream, ChainVerification, EventContext, PendingEvent, StoredEvent } from './event-store';
export { EventStoreModule } from './event-store.module';
export { EventRecordOrmEntity } from './event-record.orm-entity';
export { ChainHeadOrmEntity } from './chain-head.orm-entity';
export { chainHash, GENESIS_HASH } from './hash-chain';
export { currentEventContext } from './event-context';
