import { AjarEnvironment } from '@ajar/config';
import { appendRateLimitHeaders, rateLimitPolicies, rateLimited } from './rate-limit.policies';

describe('rate limit policies', () => {
  const policies = rateLimitPolicies(new AjarEnvironment());

  it('writes RateLimit-Policy and RateLimit as structured-field lists, one member per policy that counted the request', () => {
    const fields: [string, string][] = [];
    const response = { append: (field: string, value: string) => fields.push([field, value]) };
    appendRateLimitHeaders(response, policies.key, 598, 41);
    appendRateLimitHeaders(response, policies.costly, -3, 41);
    expect(fields).toEqual([
      ['RateLimit-Policy', '"key";q=600;w=60'],
      ['RateLimit', '"key";r=598;t=41'],
      ['RateLimit-Policy', '"costly";q=30;w=60'],
      ['RateLimit', '"costly";r=0;t=41'],
    ]);
  });

  it('answers 429 naming the limit, with Retry-After of at least a second', () => {
    const problem = rateLimited(policies['failed-auth'], 0);
    expect(problem).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED', headers: { 'Retry-After': '1' } });
    expect(problem.extensions).toEqual({ rateLimit: { policy: 'failed-auth', quota: 10, windowSeconds: 60, retryAfterSeconds: 1 } });
    expect(problem.detail).toBe('Requests from this address failed authentication 10 times within 60 s; its requests are refused for 300 s. Retry after 1 s.');
  });
});
