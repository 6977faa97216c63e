import { BackgroundLoop } from './background-loop';

describe('BackgroundLoop', () => {
  it('runs again at once after a full batch and idles otherwise; a wake-up cuts the idle short', async () => {
    const runs: number[] = [];
    let reported = 0;
    const batches = [5, 5, 1];
    let resolveThird!: () => void;
    const third = new Promise<void>((resolve) => (resolveThird = resolve));
    let resolveFourth!: () => void;
    const fourth = new Promise<void>((resolve) => (resolveFourth = resolve));
    const loop = new BackgroundLoop(
      async () => {
        runs.push(Date.now());
        if (runs.length === 3) resolveThird();
        if (runs.length === 4) resolveFourth();
        return batches.shift() ?? 0;
      },
      { idleMs: 60_000, coalesceMs: 1, fullBatch: 5, onError: () => (reported += 1) },
    );
    loop.start();
    await third; // two full batches were followed immediately by a third run
    loop.wake(); // without this the fourth run would wait a minute
    await fourth;
    await loop.stop();
    expect(runs).toHaveLength(4);
    expect(reported).toBe(0);
  });

  it('reports errors and keeps going', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    let resolveSecond!: () => void;
    const second = new Promise<void>((resolve) => (resolveSecond = resolve));
    const loop = new BackgroundLoop(
      async () => {
        calls += 1;
        if (calls === 2) resolveSecond();
        if (calls === 1) throw new Error('database away');
        return 0;
      },
      { idleMs: 1, coalesceMs: 1, fullBatch: 10, onError: (error) => errors.push(error) },
    );
    loop.start();
    await second;
    await loop.stop();
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('database away');
  });
});
