import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown, Optional } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { ClsService } from 'nestjs-cls';
import { AjarEnvironment } from '@ajar/config';
import type { AjarContextStore } from '@ajar/observability';
import { jobFailureLog } from './job-failure-log';
import { JobReceipts } from './job-receipts';
import { ConsumerDeclaration, isLastAttempt, QUEUE_CONSUMER, QueueConsumer } from './queue-consumer';
import type { QueueEnvelope, QueueName } from './queues';
import { QueueMetrics } from './queue-metrics';
import { RedisConnections } from './redis-connections';

/**
 * Starts one BullMQ worker per `@ConsumesQueue` provider, runs every job inside a context that
 * carries its correlation id, and on shutdown lets active jobs finish before closing.
 */
@Injectable()
export class ConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ConsumerHost.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly env: AjarEnvironment,
    private readonly connections: RedisConnections,
    private readonly cls: ClsService<AjarContextStore>,
    private readonly metrics: QueueMetrics,
    @Optional() private readonly receipts?: JobReceipts,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || !wrapper.metatype) continue;
      const declaration = this.reflector.get<ConsumerDeclaration | undefined>(QUEUE_CONSUMER, wrapper.metatype as object as never);
      if (!declaration) continue;
      this.start(declaration, instance as QueueConsumer);
    }
  }

  private start({ queue, concurrency }: ConsumerDeclaration, consumer: QueueConsumer): void {
    const worker = new Worker<QueueEnvelope>(
      queue,
      (job: Job<QueueEnvelope>) =>
        this.cls.run(async () => {
          this.cls.set('correlationId', job.data.correlationId);
          this.cls.set('causationId', job.data.messageId);
          try {
            await consumer.consume(job.data, job);
          } catch (error) {
            // Recorded before BullMQ marks the job failed: a crash in between leaves the job
            // active, so it is taken for stalled and run again rather than lost unrecorded.
            if (isLastAttempt(job, error)) {
              if (consumer.onLastAttemptFailed) await consumer.onLastAttemptFailed(job.data, error, job.attemptsMade + 1);
              // Failed for good: nothing is owed any more (a reconciler must not run it again).
              await this.settle(queue, job);
            }
            throw error;
          }
          // Settled before BullMQ marks it completed: a failure here retries the (idempotent) job
          // rather than leave its row owed after Redis dropped the completed job.
          await this.settle(queue, job);
        }),
      {
        connection: this.connections.create('worker'),
        prefix: this.env.AJAR_QUEUE_PREFIX,
        concurrency: concurrency ? concurrency(this.env) : this.env.AJAR_WORKER_CONCURRENCY,
        // Room for a synchronous stretch (building a large reference index takes seconds) before
        // a lock would lapse and BullMQ would call the job stalled.
        lockDuration: 60_000,
      },
    );
    worker.on('failed', (job, error) => {
      const { level, message, fields } = jobFailureLog(queue, job, error);
      if (level === 'error') this.logger.error(fields, message);
      else this.logger.warn(fields, message);
    });
    // Metrics: each attempt's run time, and failures (final when BullMQ gives up on the job).
    worker.on('completed', (job) => this.metrics.jobFinished(queue, job, 'completed'));
    // In the `failed` event BullMQ has already counted the attempt that failed.
    worker.on('failed', (job, error) =>
      this.metrics.jobFinished(queue, job, 'failed', job !== undefined && (job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError')),
    );
    worker.on('error', (error) => this.logger.error({ queue, err: { name: error.name, message: error.message } }, 'worker error'));
    this.workers.push(worker);
    this.logger.log(`consuming queue ${queue}`);
  }

  private async settle(queue: QueueName, job: Job<QueueEnvelope>): Promise<void> {
    if (this.receipts && job.id !== undefined) await this.receipts.settle(queue, job.id);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // close() waits for the jobs in progress; new jobs are no longer taken.
    await Promise.all(this.workers.splice(0).map((worker) => worker.close()));
  }
}
