interface Waiting<I, O> {
  item: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

export interface MicrobatcherOptions {
  /** Items per call at most. */
  maxItems: number;
  /** Calls in flight at once; items arriving meanwhile wait and go together in the next call. */
  maxInFlight: number;
  /**
   * How long the first waiting item holds the call for others to join (0: the end of the current
   * turn of the event loop). A few milliseconds turn a steady trickle into real batches.
   */
  lingerMs?: number;
}

/**
 * Group commit for concurrent callers: items submitted while earlier calls are in flight are
 * gathered and handled by one call (one statement, one commit) instead of one each. Under light
 * load a lone item goes at once; under heavy load calls grow up to `maxItems`. `run` answers
 * one output per item, in order; a failed call fails every item in it.
 */
export class Microbatcher<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: MicrobatcherOptions = { maxItems: 200, maxInFlight: 2 },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Let the callers of this turn of the event loop (or of the linger) join before the call goes out.
    const go = (): void => {
      this.scheduled = false;
      this.drain();
    };
    if (this.options.lingerMs) setTimeout(go, this.options.lingerMs);
    else setImmediate(go);
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.waiting.splice(0, this.options.maxItems);
      this.inFlight += 1;
      this.run(batch.map((waiting) => waiting.item))
        .then(
          (outputs) => {
            if (outputs.length !== batch.length) throw new Error(`a batch of ${batch.length} got ${outputs.length} answers`);
            batch.forEach((waiting, index) => waiting.resolve(outputs[index]));
          },
        )
        .catch((error: unknown) => batch.forEach((waiting) => waiting.reject(error)))
        .finally(() => {
          this.inFlight -= 1;
          if (this.waiting.length > 0) this.schedule();
        });
    }
  }
}
