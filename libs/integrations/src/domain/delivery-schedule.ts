/**
 * When a webhook is tried again (pure: the caller passes the clock and the jitter draw). The
 * schedule is Standard Webhooks' / Svix's: now, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h,
 * each ±20 %; a receiver that asks for time (429/503 with Retry-After) gets what it asked for.
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** A Retry-After beyond a day is taken as a day: the endpoint still gets its tries. */
const LONGEST_RETRY_AFTER_MS = 24 * 3_600_000;
const JITTER = 0.2;

/** `5s,5m,30m` → milliseconds. Throws on a malformed entry (the environment is checked at boot too). */
export function parseDurations(raw: string): number[] {
  return raw.split(',').map((part) => {
    const match = /^\s*(\d+)\s*(ms|s|m|h)\s*$/.exec(part);
    if (!match) throw new Error(`"${part.trim()}" is not a duration such as 5s, 5m or 2h`);
    return Number(match[1]) * UNIT_MS[match[2]];
  });
}

export interface AttemptResult {
  /** The HTTP status, if a response came back. */
  status?: number;
  /** The Retry-After header, if any. */
  retryAfter?: string;
}

export type AttemptVerdict =
  | { kind: 'succeeded' }
  | { kind: 'retry'; delayMs: number; reason: string }
  | { kind: 'exhausted'; reason: string }
  /** 410 Gone: the receiver says the endpoint no longer exists; it is disabled, nothing is retried. */
  | { kind: 'endpoint_gone'; reason: string };

/** Seconds or an HTTP date; null if absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | null {
  if (header === undefined) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, LONGEST_RETRY_AFTER_MS);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(date - now.getTime(), 0), LONGEST_RETRY_AFTER_MS);
}

function describe(result: AttemptResult, failure: string | undefined): string {
  if (result.status !== undefined) return `HTTP ${result.status}`;
  return failure ?? 'no response';
}

/**
 * Judges attempt number `attempt` (1 = the first): success on 2xx; 410 disables the endpoint;
 * anything else (3xx — redirects are not followed —, 4xx, 5xx, timeout, refused) is retried
 * while the schedule lasts.
 */
export function judgeAttempt(
  result: AttemptResult & { failure?: string },
  attempt: number,
  schedule: readonly number[],
  /** A draw in [0, 1) for the jitter. */
  draw: number,
  now: Date,
): AttemptVerdict {
  const status = result.status;
  if (status !== undefined && status >= 200 && status < 300) return { kind: 'succeeded' };
  const reason = describe(result, result.failure);
  if (status === 410) return { kind: 'endpoint_gone', reason };
  if (attempt > schedule.length) return { kind: 'exhausted', reason };
  if (status === 429 || status === 503) {
    const asked = retryAfterMs(result.retryAfter, now);
    if (asked !== null) return { kind: 'retry', delayMs: asked, reason: `${reason}, Retry-After honoured` };
  }
  const base = schedule[attempt - 1];
  const delayMs = Math.round(base * (1 - JITTER + 2 * JITTER * draw));
  return { kind: 'retry', delayMs, reason };
}

/** An endpoint that has failed without a single success for this long is disabled. */
export function failingTooLong(failingSince: Date | null, now: Date, disableAfterMs: number): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= disableAfterMs;
}
