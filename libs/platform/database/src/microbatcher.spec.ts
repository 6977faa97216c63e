import { Microbatcher } from './microbatcher';

function deferred(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('Microbatcher', () => {
  it('sends a lone item at once and answers it', async () => {
    const calls: number[][] = [];
    const batcher = new Microbatcher<number, number>(async (items) => {
      calls.push(items);
      return items.map((item) => item * 2);
    });
    await expect(batcher.submit(21)).resolves.toBe(42);
    expect(calls).toEqual([[21]]);
  });

  it('gathers what arrives while calls are in flight into the next call, answering each item its own output', async () => {
    const calls: number[][] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const batcher = new Microbatcher<number, string>(
      async (items) => {
        calls.push(items);
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        return items.map((item) => `#${item}`);
      },
      { maxItems: 3, maxInFlight: 1 },
    );
    const first = batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [2, 3, 4, 5].map((item) => batcher.submit(item));
    expect(calls).toEqual([[1]]);
    gates[0].release();
    await expect(first).resolves.toBe('#1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1], [2, 3, 4]]);
    gates[1].release();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    gates[2].release();
    await expect(Promise.all(rest)).resolves.toEqual(['#2', '#3', '#4', '#5']);
    expect(calls).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('fails every item of a failed call, and goes on with the next ones', async () => {
    let fail = true;
    const batcher = new Microbatcher<number, number>(async (items) => {
      if (fail) throw new Error('database down');
      return items;
    });
    const failed = [batcher.submit(1), batcher.submit(2)];
    await expect(Promise.all(failed)).rejects.toThrow('database down');
    await expect(failed[1]).rejects.toThrow('database down');
    fail = false;
    await expect(batcher.submit(3)).resolves.toBe(3);
  });

  it('refuses a call that answers a different number of outputs', async () => {
    const batcher = new Microbatcher<number, number>(async () => []);
    await expect(batcher.submit(1)).rejects.toThrow('a batch of 1 got 0 answers');
  });

  it('holds a call for the linger so that items arriving within it go together', async () => {
    const calls: number[][] = [];
    const batcher = new Microbatcher<number, number>(
      async (items) => {
        calls.push(items);
        return items;
      },
      { maxItems: 10, maxInFlight: 1, lingerMs: 30 },
    );
    const first = batcher.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = batcher.submit(2);
    await expect(Promise.all([first, second])).resolves.toEqual([1, 2]);
    expect(calls).toEqual([[1, 2]]);
  });
});
