import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AjarEnvironment } from '@ajar/config';
import { BackgroundGate } from '@ajar/database';
import { API_LOAD_REPORT_MS, busiestApiLoad } from './api-load';
import { QueueRegistry } from './queue-registry';
import type { QueueName } from './queues';
import { RedisConnections } from './redis-connections';
import { YieldPolicy, YieldState } from './yield-policy';

/**
 * Worker side: reads the API's load every half second and, by `YieldPolicy`, closes the gate of
 * the background work that steps aside (queues declared `yieldsToApi`, the hash chainer) while
 * the API is busy. Nice (AJAR_WORKER_NICE) lowers the worker's own CPU priority, but not that of
 * its PostgreSQL sessions, which cost the server as much as intake's; only stopping the work
 * frees them. Off when AJAR_WORKER_YIELD_API_BUSY_PERCENT is 0.
 */
@Injectable()
export class WorkerYield extends BackgroundGate implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerYield.name);
  private readonly policy: YieldPolicy;
  private readonly listeners = new Set<(open: boolean) => void>();
  private readonly queues = new Set<QueueName>();
  private redis?: Redis;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly env: AjarEnvironment,
    private readonly connections: RedisConnections,
    private readonly registry: QueueRegistry,
  ) {
    super();
    this.policy = new YieldPolicy({ busyAbove: env.AJAR_WORKER_YIELD_API_BUSY_PERCENT / 100, maxYieldMs: env.AJAR_WORKER_YIELD_MAX_SECONDS * 1000 });
  }

  /** Open unless the policy says step aside; open for good once the worker stops. */
  isOpen(): boolean {
    return this.stopped || this.policy.state !== 'yielding';
  }

  onOpen(listener: () => void): () => void {
    return this.onChange((open) => open && listener());
  }

  /** Called with the gate's new position each time it moves; returns the unsubscribe. */
  onChange(listener: (open: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves at once if the gate is open, otherwise when it opens (or the worker stops). */
  whenOpen(): Promise<void> {
    if (this.isOpen()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const unsubscribe = this.onOpen(() => {
        unsubscribe();
        resolve();
      });
    });
  }

  /** Stops looking and opens the gate for good: on shutdown, held jobs finish rather than wait. */
  stop(): void {
    if (this.stopped) return;
    const wasOpen = this.isOpen();
    this.stopped = true;
    clearTimeout(this.timer);
    if (!wasOpen) for (const listener of [...this.listeners]) listener(true);
  }

  /** A queue whose backlog must be empty before the worker steps aside again after catching up. */
  watchBacklog(queue: QueueName): void {
    this.queues.add(queue);
  }

  onApplicationBootstrap(): void {
    if (this.env.AJAR_WORKER_YIELD_API_BUSY_PERCENT === 0) return;
    this.redis = this.connections.create('producer');
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.look().finally(() => this.schedule()), API_LOAD_REPORT_MS);
  }

  private async look(): Promise<void> {
    const before = this.policy.state;
    let load = 0;
    try {
      load = this.redis ? await busiestApiLoad(this.redis, this.env.AJAR_QUEUE_PREFIX, Date.now()) : 0;
    } catch (error) {
      // Load unknown: the work runs rather than wait on a signal that may not come.
      this.logger.debug(`API load not read: ${(error as Error).message}`);
    }
    let after: YieldState = before;
    try {
      after = await this.policy.next({ now: Date.now(), apiLoad: load, backlogEmpty: () => this.backlogEmpty() });
    } catch (error) {
      this.logger.warn(`backlog not read: ${(error as Error).message}`);
    }
    if (after === before || this.stopped) return;
    const percent = Math.round(load * 100);
    if (after === 'yielding') this.logger.log(`screening and chaining step aside: an API process is ${percent} % busy`);
    else if (after === 'catching-up') this.logger.log(`screening and chaining catch up after ${this.env.AJAR_WORKER_YIELD_MAX_SECONDS} s aside (API ${percent} % busy)`);
    else this.logger.log(`screening and chaining resume (API ${percent} % busy)`);
    const open = after !== 'yielding';
    if (open !== (before !== 'yielding')) for (const listener of [...this.listeners]) listener(open);
  }

  private async backlogEmpty(): Promise<boolean> {
    const counts = await Promise.all([...this.queues].map((queue) => this.registry.get(queue).getWaitingCount()));
    return counts.every((count) => count === 0);
  }
}
