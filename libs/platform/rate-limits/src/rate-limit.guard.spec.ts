import { Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { NotRateLimited, ProblemException } from '@ajar/http';
import { RateLimitGuard } from './rate-limit.guard';

class CasesController {
  list(): void {}
}

@NotRateLimited()
class HealthController {
  live(): void {}
}

/** A response that records the fields appended to it. */
class RecordingResponse {
  readonly fields: [string, string][] = [];
  append(field: string, value: string): this {
    this.fields.push([field, value]);
    return this;
  }
}

async function guardWith(increment: ThrottlerStorage['increment']): Promise<RateLimitGuard> {
  const guard = new RateLimitGuard(
    { throttlers: [{ name: 'key', limit: 600, ttl: 60_000, getTracker: () => 'tenant:api_key:key' }], generateKey: (_context, tracker, name) => `${name}:${tracker}` },
    { increment },
    new Reflector(),
  );
  await guard.onModuleInit();
  return guard;
}

function contextOf(controller: new () => object, handler: () => void, response: RecordingResponse): ExecutionContextHost {
  const context = new ExecutionContextHost([{}, response], controller, handler);
  context.setType('http');
  return context;
}

const record = (overrides: Partial<ThrottlerStorageRecord>): ThrottlerStorageRecord => ({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0, ...overrides });

describe('RateLimitGuard', () => {
  it('lets a counted request through with the IETF RateLimit fields, not X-RateLimit-*', async () => {
    const guard = await guardWith(async () => record({ totalHits: 2, timeToExpire: 41 }));
    const response = new RecordingResponse();
    await expect(guard.canActivate(contextOf(CasesController, CasesController.prototype.list, response))).resolves.toBe(true);
    expect(response.fields).toEqual([
      ['RateLimit-Policy', '"key";q=600;w=60'],
      ['RateLimit', '"key";r=598;t=41'],
    ]);
  });

  it('refuses a blocked caller with 429 naming the limit, Retry-After the time the block has left', async () => {
    const guard = await guardWith(async () => record({ totalHits: 601, timeToExpire: 12, isBlocked: true, timeToBlockExpire: 12 }));
    const response = new RecordingResponse();
    const refusal = await guard.canActivate(contextOf(CasesController, CasesController.prototype.list, response)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ProblemException);
    expect(refusal).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED', headers: { 'Retry-After': '12' }, extensions: { rateLimit: { policy: 'key', quota: 600 } } });
    expect(response.fields).toContainEqual(['RateLimit', '"key";r=0;t=12']);
  });

  it('serves the request uncounted when Redis cannot be reached', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const guard = await guardWith(() => Promise.reject(new Error('connect ECONNREFUSED')));
    const response = new RecordingResponse();
    await expect(guard.canActivate(contextOf(CasesController, CasesController.prototype.list, response))).resolves.toBe(true);
    expect(response.fields).toEqual([]);
    expect(warn).toHaveBeenCalledWith('rate limit "key" not counted: connect ECONNREFUSED');
    warn.mockRestore();
  });

  it('does not count routes marked NotRateLimited (health probes)', async () => {
    const increment = jest.fn(async () => record({}));
    const guard = await guardWith(increment);
    await expect(guard.canActivate(contextOf(HealthController, HealthController.prototype.live, new RecordingResponse()))).resolves.toBe(true);
    expect(increment).not.toHaveBeenCalled();
  });
});
