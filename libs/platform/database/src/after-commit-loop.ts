import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BackgroundLoop } from './background-loop';
import { CommitSignal } from './commit-signal';

export interface AfterCommitLoopOptions {
  idleMs: number;
  coalesceMs: number;
  fullBatch: number;
  /** The NOTIFY channel that wakes the loop; every commit of events by default. */
  channel?: string;
}

/**
 * Base of the worker's after-commit processes (outbox relay, event chainer): runs `runBatch` in a
 * loop that each commit wakes (LISTEN/NOTIFY), polls when idle, and stops between batches on
 * shutdown.
 */
export abstract class AfterCommitLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly loop: BackgroundLoop;
  private readonly unsubscribe: (() => void)[] = [];

  protected constructor(
    private readonly signal: CommitSignal,
    private readonly options: AfterCommitLoopOptions,
  ) {
    this.loop = new BackgroundLoop(() => this.runBatch(), {
      ...options,
      onError: (error) => this.logger.error({ err: (error as Error).message }, 'batch failed; retrying'),
    });
  }

  /** Handles one batch; returns how many items it handled. */
  abstract runBatch(): Promise<number>;

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe.push(await this.signal.subscribe(() => this.loop.wake(), this.options.channel));
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    await this.loop.stop();
  }
}
