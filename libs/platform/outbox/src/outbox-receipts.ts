import { Injectable } from '@nestjs/common';
import { JobReceipts, QueueName } from '@ajar/messaging';
import { isOutboxJobId } from './owed-jobs';
import { OwedOutboxRepository } from './owed-outbox.repository';

/** A settled job settles its outbox row: the reconciler no longer owes it. */
@Injectable()
export class OutboxReceipts extends JobReceipts {
  constructor(private readonly owed: OwedOutboxRepository) {
    super();
  }

  async settle(queue: QueueName, jobId: string): Promise<void> {
    if (isOutboxJobId(jobId)) await this.owed.settle(queue, jobId);
  }
}
