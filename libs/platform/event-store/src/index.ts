export { EventStore } from './event-store';
export type { AppendToStream, ChainVerification, ChainedEvent, EventContext, PendingEvent, StoredEvent } from './event-store';
export { EventChainer } from './event-chainer';
export { EventStoreModule, EventChainerModule } from './event-store.module';
export { EventRecordOrmEntity } from './event-record.orm-entity';
export { EventChainLinkOrmEntity, EventChainPendingOrmEntity } from './event-chain.orm-entity';
export { ChainHeadOrmEntity } from './chain-head.orm-entity';
export { chainHash, GENESIS_HASH } from './hash-chain';
export { currentEventContext } from './event-context';
