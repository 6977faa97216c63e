import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AjarEnvironment } from '@ajar/config';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queues';
import { RedisConnections } from './redis-connections';

/**
 * One BullMQ `Queue` (producer) per name, on one shared connection, with the deployment prefix and
 * the configured attempts and backoff.
 */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueRegistry.name);
  private readonly queues = new Map<string, Queue>();
  private connection?: ReturnType<RedisConnections['create']>;

  constructor(
    private readonly env: AjarEnvironment,
    private readonly connections: RedisConnections,
  ) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= this.connections.create('producer');
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.env.AJAR_QUEUE_PREFIX,
        defaultJobOptions: {
          ...DEFAULT_JOB_OPTIONS,
          attempts: this.env.AJAR_JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.env.AJAR_JOB_BACKOFF_MS },
        },
      });
      // Without a listener BullMQ falls back to console.error: a multi-line stack dump per Redis hiccup.
      queue.on('error', (error: Error) => this.logger.warn({ queue: name, err: { name: error.name, message: error.message } }, 'queue error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
