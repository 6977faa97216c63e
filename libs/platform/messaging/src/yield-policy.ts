export interface YieldPolicyOptions {
  /** Busiest API process's event-loop utilisation (0 to 1) above which background work steps aside. */
  busyAbove: number;
  /** The longest stretch it steps aside (ms). */
  maxYieldMs: number;
}

export type YieldState = 'running' | 'yielding' | 'catching-up';

/** What the worker knows at one look: the time, the API's load, and whether its backlog is empty. */
export interface YieldReading {
  now: number;
  /** The busiest API process's event-loop utilisation (0 to 1); 0 when none reported lately. */
  apiLoad: number;
  /** Whether nothing waits in the queues that step aside; only read while catching up. */
  backlogEmpty: () => Promise<boolean>;
}

/**
 * When the worker's background work steps aside for the API (pure; the clock and the readings
 * come in). Running, it yields once the API is busier than `busyAbove`; yielding, it runs again
 * once the API is below half of that (the gap keeps it from flapping on a load near the line),
 * or, after `maxYieldMs`, catches up: it then runs whatever the load until its backlog is empty.
 * So a burst of intake is answered first and screened just after, and a load the host cannot
 * carry with screening does not starve screening for longer than the bound.
 */
export class YieldPolicy {
  private current: YieldState = 'running';
  private since = 0;

  constructor(private readonly options: YieldPolicyOptions) {}

  get state(): YieldState {
    return this.current;
  }

  async next(reading: YieldReading): Promise<YieldState> {
    if (this.options.busyAbove <= 0) return this.current;
    switch (this.current) {
      case 'running':
        if (reading.apiLoad > this.options.busyAbove) this.move('yielding', reading.now);
        break;
      case 'yielding':
        if (reading.apiLoad < this.options.busyAbove / 2) this.move('running', reading.now);
        else if (reading.now - this.since >= this.options.maxYieldMs) this.move('catching-up', reading.now);
        break;
      case 'catching-up':
        if (await reading.backlogEmpty()) this.move('running', reading.now);
        break;
    }
    return this.current;
  }

  private move(state: YieldState, now: number): void {
    this.current = state;
    this.since = now;
  }
}
