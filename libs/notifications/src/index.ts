export { NoticeDeliveryOrmEntity } from './infrastructure/notice-delivery.orm-entity';
