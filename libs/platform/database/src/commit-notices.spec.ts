import { CommitNotices } from './commit-notices';

describe('CommitNotices', () => {
  it('lets the first commit notify, then one per interval however many commit in between', () => {
    let now = 1000;
    const notices = new CommitNotices(50, () => now);
    expect(notices.take()).toBe(true);
    const within: boolean[] = [];
    for (now = 1001; now < 1050; now += 7) within.push(notices.take());
    expect(within.every((notifies) => !notifies)).toBe(true);
    now = 1050;
    expect(notices.take()).toBe(true);
    expect(notices.take()).toBe(false);
  });

  it('lets every commit notify when they are further apart than the interval', () => {
    let now = 0;
    const notices = new CommitNotices(50, () => now);
    const taken = [0, 60, 200, 251, 400].map((at) => {
      now = at;
      return notices.take();
    });
    expect(taken).toEqual([true, true, true, true, true]);
  });

  it('with an interval of 0, notifies on every commit', () => {
    const notices = new CommitNotices(0, () => 5);
    expect([notices.take(), notices.take(), notices.take()]).toEqual([true, true, true]);
  });
});
