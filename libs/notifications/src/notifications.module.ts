import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorDirectoryModule } from '@ajar/access';
import { NoticeDeliveryOrmEntity } from './infrastructure/notice-delivery.orm-entity';
import { NoticeDeliveryRepository } from './infrastructure/notice-delivery.repository';
import { NoticeMailer } from './infrastructure/notice-mailer';
import { NoticeProcessor } from './infrastructure/notice.processor';

/** Notices by e-mail: the `notices` queue's consumer and its SMTP mailer. Imported by apps/worker only. */
@Module({
  imports: [TypeOrmModule.forFeature([NoticeDeliveryOrmEntity]), ActorDirectoryModule],
  providers: [NoticeMailer, NoticeDeliveryRepository, NoticeProcessor],
  exports: [NoticeMailer],
})
export class NotificationsWorkerModule {}
