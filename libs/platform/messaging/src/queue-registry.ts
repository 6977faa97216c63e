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

  /**
   * The ids among `jobIds` whose job the queue holds in any state (waiting, delayed, active,
   * completed, failed): a job is a hash at its key for as long as BullMQ keeps it. One pipelined
   * EXISTS per id, so thousands are checked in one round trip.
   */
  async heldJobIds(name: QueueName, jobIds: readonly string[]): Promise<Set<string>> {
    const queue = this.get(name);
    this.connection ??= this.connections.create('producer');
    const pipeline = this.connection.pipeline();
    for (const id of jobIds) pipeline.exists(queue.toKey(id));
    const results = (await pipeline.exec()) ?? [];
    const held = new Set<string>();
    results.forEach(([error, exists], index) => {
      if (error) throw error;
      if (exists === 1) held.add(jobIds[index]);
    });
    return held;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
