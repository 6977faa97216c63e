import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { QueueEnvelope, QueueName } from './queues';

export const QUEUE_CONSUMER = Symbol('ajar.queue-consumer');

/** Marks a provider as the consumer of a queue; `ConsumerHost` starts a BullMQ worker for it. */
export const ConsumesQueue = (queue: QueueName): ClassDecorator => SetMetadata(QUEUE_CONSUMER, queue);

/**
 * A queue consumer. It must be idempotent (an inbox row or a natural key) and must throw on
 * failure so that BullMQ's retries apply; it never swallows errors.
 */
export interface QueueConsumer {
  consume(envelope: QueueEnvelope, job: Job<QueueEnvelope>): Promise<void>;
}
