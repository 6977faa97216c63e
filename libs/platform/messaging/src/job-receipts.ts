import type { QueueName } from './queues';

/**
 * Where the consumer host records that a job is settled: it completed, or failed for good. The
 * outbox implements it (the job's outbox row stops being owed); without it nothing is recorded.
 */
export abstract class JobReceipts {
  /** Records the job as settled; a job id that names no owed row is ignored. */
  abstract settle(queue: QueueName, jobId: string): Promise<void>;
}
