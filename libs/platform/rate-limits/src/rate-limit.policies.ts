import type { AjarEnvironment } from '@ajar/config';
import { ProblemException } from '@ajar/http';

/**
 * The four rate limits. `key`: all requests of one API key (later also one session). `costly`:
 * requests of one key to costly routes. `ip`: requests from one client address to the routes
 * without an API key (tenant bootstrap, signed inbound). `failed-auth`: 401 answers to one address.
 */
export type RateLimitPolicyName = 'key' | 'costly' | 'ip' | 'failed-auth';

export interface RateLimitPolicy {
  name: RateLimitPolicyName;
  /** Requests (or, for `failed-auth`, 401 answers) allowed per window. */
  quota: number;
  windowSeconds: number;
  /** How long the caller is refused once over the quota. */
  blockSeconds: number;
}

export function rateLimitPolicies(env: AjarEnvironment): Record<RateLimitPolicyName, RateLimitPolicy> {
  const windowSeconds = env.AJAR_RATE_LIMIT_WINDOW_SECONDS;
  return {
    key: { name: 'key', quota: env.AJAR_RATE_LIMIT_PER_KEY, windowSeconds, blockSeconds: windowSeconds },
    costly: { name: 'costly', quota: env.AJAR_RATE_LIMIT_COSTLY_PER_KEY, windowSeconds, blockSeconds: windowSeconds },
    ip: { name: 'ip', quota: env.AJAR_RATE_LIMIT_PER_IP, windowSeconds, blockSeconds: windowSeconds },
    'failed-auth': {
      name: 'failed-auth',
      quota: env.AJAR_RATE_LIMIT_FAILED_AUTH_PER_IP,
      windowSeconds,
      blockSeconds: env.AJAR_RATE_LIMIT_FAILED_AUTH_BLOCK_SECONDS,
    },
  };
}

/** One member of `RateLimit-Policy` (draft-ietf-httpapi-ratelimit-headers, structured fields): `"key";q=600;w=60`. */
export function policyMember(policy: Pick<RateLimitPolicy, 'name' | 'quota' | 'windowSeconds'>): string {
  return `"${policy.name}";q=${policy.quota};w=${policy.windowSeconds}`;
}

/** One member of `RateLimit`: what is left of the policy's quota and seconds until it resets: `"key";r=590;t=42`. */
export function remainingMember(name: RateLimitPolicyName, remaining: number, resetSeconds: number): string {
  return `"${name}";r=${Math.max(0, remaining)};t=${Math.max(0, resetSeconds)}`;
}

/** What a response tells of the policies that counted the request; several policies give several members. */
export interface RateLimitHeaderTarget {
  append(field: string, value: string): unknown;
}

export function appendRateLimitHeaders(
  response: RateLimitHeaderTarget,
  policy: Pick<RateLimitPolicy, 'name' | 'quota' | 'windowSeconds'>,
  remaining: number,
  resetSeconds: number,
): void {
  response.append('RateLimit-Policy', policyMember(policy));
  response.append('RateLimit', remainingMember(policy.name, remaining, resetSeconds));
}

const WHAT_IS_COUNTED: Record<RateLimitPolicyName, (policy: RateLimitPolicy) => string> = {
  key: (policy) => `This API key made more than ${policy.quota} requests within ${policy.windowSeconds} s.`,
  costly: (policy) =>
    `This API key made more than ${policy.quota} requests to costly routes (reference-list version uploads, register CSV exports) within ${policy.windowSeconds} s.`,
  ip: (policy) => `This address made more than ${policy.quota} requests without an API key within ${policy.windowSeconds} s.`,
  'failed-auth': (policy) =>
    `Requests from this address failed authentication ${policy.quota} times within ${policy.windowSeconds} s; its requests are refused for ${policy.blockSeconds} s.`,
};

/** 429 problem+json naming the limit that was hit, with `Retry-After`. */
export function rateLimited(policy: RateLimitPolicy, retryAfterSeconds: number): ProblemException {
  const retryAfter = Math.max(1, retryAfterSeconds);
  return new ProblemException(
    429,
    'REQUEST.RATE_LIMITED',
    'Too many requests',
    `${WHAT_IS_COUNTED[policy.name](policy)} Retry after ${retryAfter} s.`,
    undefined,
    { 'Retry-After': String(retryAfter) },
    { rateLimit: { policy: policy.name, quota: policy.quota, windowSeconds: policy.windowSeconds, retryAfterSeconds: retryAfter } },
  );
}
