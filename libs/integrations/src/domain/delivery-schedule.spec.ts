import { failingTooLong, judgeAttempt, parseDurations, retryAfterMs } from './delivery-schedule';

const SVIX = parseDurations('5s,5m,30m,2h,5h,10h,10h');
const NOW = new Date('2026-11-22T10:00:00Z');

describe('webhook delivery schedule', () => {
  it('reads the default schedule as Standard Webhooks / Svix delays', () => {
    expect(SVIX).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(parseDurations('50ms, 1s')).toEqual([50, 1000]);
    expect(() => parseDurations('5s,soon')).toThrow('"soon" is not a duration');
  });

  it('takes any 2xx as success', () => {
    for (const status of [200, 201, 202, 204, 299]) expect(judgeAttempt({ status }, 1, SVIX, 0.5, NOW)).toEqual({ kind: 'succeeded' });
  });

  it('retries on the schedule with at most ±20 % jitter', () => {
    SVIX.forEach((base, index) => {
      const low = judgeAttempt({ status: 500 }, index + 1, SVIX, 0, NOW);
      const middle = judgeAttempt({ status: 500 }, index + 1, SVIX, 0.5, NOW);
      const high = judgeAttempt({ status: 500 }, index + 1, SVIX, 0.999999, NOW);
      expect(low).toEqual({ kind: 'retry', delayMs: Math.round(base * 0.8), reason: 'HTTP 500' });
      expect(middle).toMatchObject({ kind: 'retry', delayMs: base });
      if (high.kind !== 'retry') throw new Error('expected a retry');
      expect(high.delayMs).toBeLessThanOrEqual(Math.round(base * 1.2));
      expect(high.delayMs).toBeGreaterThan(Math.round(base * 1.19));
    });
  });

  it('gives up after the eighth attempt', () => {
    expect(judgeAttempt({ status: 500 }, 7, SVIX, 0.5, NOW)).toMatchObject({ kind: 'retry', delayMs: 36_000_000 });
    expect(judgeAttempt({ status: 500 }, 8, SVIX, 0.5, NOW)).toEqual({ kind: 'exhausted', reason: 'HTTP 500' });
  });

  it('treats a redirect as a failure (never followed)', () => {
    expect(judgeAttempt({ status: 302 }, 1, SVIX, 0.5, NOW)).toMatchObject({ kind: 'retry', reason: 'HTTP 302' });
    expect(judgeAttempt({ status: 301 }, 1, SVIX, 0.5, NOW)).toMatchObject({ kind: 'retry' });
  });

  it('treats 410 Gone as the endpoint gone, not as a retry', () => {
    expect(judgeAttempt({ status: 410 }, 1, SVIX, 0.5, NOW)).toEqual({ kind: 'endpoint_gone', reason: 'HTTP 410' });
  });

  it('honours Retry-After on 429 and 503, in seconds or as a date, without jitter', () => {
    expect(judgeAttempt({ status: 429, retryAfter: '120' }, 1, SVIX, 0.9, NOW)).toMatchObject({ kind: 'retry', delayMs: 120_000 });
    expect(judgeAttempt({ status: 503, retryAfter: 'Sun, 22 Nov 2026 10:10:00 GMT' }, 2, SVIX, 0.9, NOW)).toMatchObject({ kind: 'retry', delayMs: 600_000 });
    // Ignored on other statuses, and when unreadable: the schedule applies.
    expect(judgeAttempt({ status: 500, retryAfter: '120' }, 1, SVIX, 0.5, NOW)).toMatchObject({ delayMs: 5_000 });
    expect(judgeAttempt({ status: 429, retryAfter: 'later' }, 1, SVIX, 0.5, NOW)).toMatchObject({ delayMs: 5_000 });
  });

  it('caps Retry-After at a day and reads past dates as now', () => {
    expect(retryAfterMs('999999', NOW)).toBe(86_400_000);
    expect(retryAfterMs('Sat, 21 Nov 2026 10:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs(undefined, NOW)).toBeNull();
  });

  it('retries timeouts and refused connections like any failure', () => {
    expect(judgeAttempt({ failure: 'timeout' }, 1, SVIX, 0.5, NOW)).toEqual({ kind: 'retry', delayMs: 5_000, reason: 'timeout' });
  });

  it('disables an endpoint after it has failed for the whole window', () => {
    const fiveDays = 5 * 24 * 3_600_000;
    expect(failingTooLong(null, NOW, fiveDays)).toBe(false);
    expect(failingTooLong(new Date(NOW.getTime() - fiveDays + 1), NOW, fiveDays)).toBe(false);
    expect(failingTooLong(new Date(NOW.getTime() - fiveDays), NOW, fiveDays)).toBe(true);
  });
});
