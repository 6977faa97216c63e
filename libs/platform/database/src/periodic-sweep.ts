import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BackgroundLoop } from './background-loop';

/**
 * Base of the worker's repair sweeps (lost webhook jobs, lost deadline alarms): runs `sweep`
 * every `everyMs` from boot and stops between runs on shutdown. A sweep reports 0 so the loop
 * waits for the next period rather than spinning on rows it has just re-armed.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly loop: BackgroundLoop;

  protected constructor(everyMs: number) {
    this.loop = new BackgroundLoop(() => this.sweep(), {
      idleMs: everyMs,
      coalesceMs: 0,
      fullBatch: Number.MAX_SAFE_INTEGER,
      onError: (error) => this.logger.error({ err: (error as Error).message }, 'sweep failed; retrying'),
    });
  }

  /** One pass; returns how many rows it repaired. */
  abstract sweep(): Promise<number>;

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
