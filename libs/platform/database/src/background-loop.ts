/** One unit of background work; returns how many items it handled (0 = nothing to do). */
export type LoopWork = () => Promise<number>;

export interface BackgroundLoopOptions {
  /** Sleep when idle; a wake-up (commit signal) cuts it short. */
  idleMs: number;
  /** Smallest gap between two runs woken by signals, so bursts of commits are batched. */
  coalesceMs: number;
  /** A run that handled this many items is repeated at once: there is probably more. */
  fullBatch: number;
  onError: (error: unknown) => void;
}

/**
 * Runs `work` until stopped: again at once after a full batch, otherwise after `idleMs` or a
 * wake-up, whichever comes first. Errors are reported and retried on the next round.
 */
export class BackgroundLoop {
  private running = false;
  private loop?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private release?: () => void;
  private woken = false;

  constructor(
    private readonly work: LoopWork,
    private readonly options: BackgroundLoopOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Ask for a run soon (after at most `coalesceMs`). */
  wake(): void {
    this.woken = true;
    if (!this.release || this.timer === undefined) return;
    clearTimeout(this.timer);
    const release = this.release;
    this.timer = setTimeout(release, this.options.coalesceMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.release?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      this.woken = false;
      try {
        handled = await this.work();
      } catch (error) {
        this.options.onError(error);
      }
      if (!this.running) break;
      if (handled >= this.options.fullBatch) continue;
      await this.pause(this.woken ? this.options.coalesceMs : this.options.idleMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.release = () => {
        if (this.timer !== undefined) clearTimeout(this.timer);
        this.timer = undefined;
        this.release = undefined;
        resolve();
      };
      this.timer = setTimeout(this.release, ms);
    });
  }
}
