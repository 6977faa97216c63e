export { Outbox, Inbox } from './outbox.repository';
export type { OutboxEntry } from './outbox.repository';
export { OutboxRelay } from './outbox-relay';
export { OutboxModule, OutboxRelayModule } from './outbox.module';
export { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
export { InboxMessageOrmEntity } from './inbox-message.orm-entity';
export { OutboxReconciler } from './outbox-reconciler';
export type { ReconcilePass } from './outbox-reconciler';
