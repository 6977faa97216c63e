import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';

/**
 * The counters of every API replica, in Redis (`@nest-lab/throttler-storage-redis`: one Lua script
 * increments a counter, sets its expiry and the block, atomically). Keys carry the deployment's
 * `AJAR_QUEUE_PREFIX` (the connection's key prefix), so deployments and test workers sharing one
 * Redis never count each other's requests.
 */
export class RateLimitStorage extends ThrottlerStorageRedisService {
  /**
   * Seconds the tracker stays refused under `throttlerName`, 0 when it is not: looks without
   * counting, for the failed-authentication limit, which must refuse before credentials are checked.
   * Reads the block key the library's script writes (`{key:name}:blocked`, in the hits' hash slot);
   * the failed-authentication e2e test fails if a library update moves it.
   */
  async secondsBlocked(key: string, throttlerName: string): Promise<number> {
    const milliseconds = await this.redis.pttl(`{${key}:${throttlerName}}:blocked`);
    return milliseconds > 0 ? Math.ceil(milliseconds / 1000) : 0;
  }
}
