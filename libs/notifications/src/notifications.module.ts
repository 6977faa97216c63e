import { Module } from '@nestjs/common';
import { NoticeMailer } from './infrastructure/notice-mailer';
import { NoticeProcessor } from './infrastructure/notice.processor';

/** Notices by e-mail: the `notices` queue's consumer and its SMTP mailer. Imported by apps/worker only. */
@Module({
  providers: [NoticeMailer, NoticeProcessor],
  exports: [NoticeMailer],
})
export class NotificationsWorkerModule {}
