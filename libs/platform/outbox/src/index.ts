export { Outbox, Inbox } from './outbox';
export type { OutboxEntry } from './outbox';
export { OutboxRelay } from './outbox-relay';
export { OutboxModule, OutboxRelayModule } from './outbox.module';
export { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
export { InboxMessageOrmEntity } from './inbox-message.orm-entity';
