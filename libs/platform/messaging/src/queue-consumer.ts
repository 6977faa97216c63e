import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { AjarEnvironment } from '@ajar/config';
import type { QueueEnvelope, QueueName } from './queues';

export const QUEUE_CONSUMER = Symbol('ajar.queue-consumer');

export interface ConsumerOptions {
  /** Jobs handled at once by one process; `AJAR_WORKER_CONCURRENCY` by default. */
  concurrency?: (env: AjarEnvironment) => number;
}

export interface ConsumerDeclaration extends ConsumerOptions {
  queue: QueueName;
}

/** Marks a provider as the consumer of a queue; `ConsumerHost` starts a BullMQ worker for it. */
export const ConsumesQueue = (queue: QueueName, options: ConsumerOptions = {}): ClassDecorator =>
  SetMetadata(QUEUE_CONSUMER, { queue, ...options } satisfies ConsumerDeclaration);

/**
 * A queue consumer. It must be idempotent (an inbox row or a natural key) and must throw on
 * failure so that BullMQ's retries apply; it never swallows errors.
 */
export interface QueueConsumer {
  consume(envelope: QueueEnvelope, job: Job<QueueEnvelope>): Promise<void>;

  /**
   * Called when `consume` threw on the job's last attempt (BullMQ will not try again), before the
   * job is marked failed: the consumer records the failure where people see it. If this throws
   * too, the job fails with that error and the failure is only logged.
   */
  onLastAttemptFailed?(envelope: QueueEnvelope, error: unknown, attempts: number): Promise<void>;
}

/** Whether a job that just threw is failed for good: its last attempt, or an unrecoverable error. */
export function isLastAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>, error: unknown): boolean {
  // attemptsMade counts the attempts before this one; BullMQ adds this one once it has failed.
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1) || (error instanceof Error && error.name === 'UnrecoverableError');
}
