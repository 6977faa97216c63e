import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { AjarEnvironment } from '@ajar/config';
import type { QueueEnvelope, QueueName } from './queues';

export const QUEUE_CONSUMER = Symbol('ajar.queue-consumer');

export interface ConsumerOptions {
  /** Jobs handled at once by one process; `AJAR_WORKER_CONCURRENCY` by default. */
  concurrency?: (env: AjarEnvironment) => number;
  /** The worker stops taking its jobs while the API is busy (`WorkerYield`). */
  yieldsToApi?: boolean;
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
}
