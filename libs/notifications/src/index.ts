export { NoticeDeliveryOrmEntity } from './infrastructure/notice-delivery.orm-entity';
export { NotificationsWorkerModule } from './notifications.module';
export { NoticeMailer } from './infrastructure/notice-mailer';
export { NoticeProcessor } from './infrastructure/notice.processor';
export { renderNotice } from './domain/render-notice';
export type { NoticeEvent, RenderedNotice } from './domain/render-notice';
