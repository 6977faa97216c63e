import { YieldPolicy, YieldState } from './yield-policy';

/** Feeds the policy a sequence of readings (time in ms, API load) and returns the states it took. */
async function walk(policy: YieldPolicy, readings: [number, number][], backlogEmpty = false): Promise<YieldState[]> {
  const states: YieldState[] = [];
  for (const [now, apiLoad] of readings) states.push(await policy.next({ now, apiLoad, backlogEmpty: () => Promise.resolve(backlogEmpty) }));
  return states;
}

describe('YieldPolicy: background work steps aside while the API is busy, for a bounded time', () => {
  const options = { busyAbove: 0.3, maxYieldMs: 10_000 };

  it('keeps running while the API is at or below the line', async () => {
    expect(await walk(new YieldPolicy(options), [[0, 0], [500, 0.2], [1000, 0.3]])).toEqual(['running', 'running', 'running']);
  });

  it('steps aside once the API is busier than the line, and resumes only below half of it', async () => {
    const states = await walk(new YieldPolicy(options), [
      [0, 0.31],
      [500, 0.2], // between half and the line: still aside, so a load near the line does not flap
      [1000, 0.16],
      [1500, 0.14],
      [2000, 0.25], // running again: only above the line steps aside
    ]);
    expect(states).toEqual(['yielding', 'yielding', 'yielding', 'running', 'running']);
  });

  it('catches up after the longest stretch aside, whatever the load, until the backlog is empty', async () => {
    const policy = new YieldPolicy(options);
    expect(await walk(policy, [[0, 0.9], [9_999, 0.9], [10_000, 0.9], [10_500, 0.9]])).toEqual(['yielding', 'yielding', 'catching-up', 'catching-up']);
    // The backlog drained: running, and the next busy look steps aside again.
    expect(await walk(policy, [[11_000, 0.9], [11_500, 0.9]], true)).toEqual(['running', 'yielding']);
  });

  it('reads the backlog only while catching up', async () => {
    const policy = new YieldPolicy(options);
    let reads = 0;
    const backlogEmpty = (): Promise<boolean> => {
      reads += 1;
      return Promise.resolve(false);
    };
    await policy.next({ now: 0, apiLoad: 0.9, backlogEmpty });
    await policy.next({ now: 5_000, apiLoad: 0.9, backlogEmpty });
    expect(reads).toBe(0);
    await policy.next({ now: 10_000, apiLoad: 0.9, backlogEmpty });
    await policy.next({ now: 10_500, apiLoad: 0.9, backlogEmpty });
    expect(reads).toBe(1);
  });

  it('never steps aside when the line is 0 (off)', async () => {
    expect(await walk(new YieldPolicy({ busyAbove: 0, maxYieldMs: 10_000 }), [[0, 1], [20_000, 1]])).toEqual(['running', 'running']);
  });
});
