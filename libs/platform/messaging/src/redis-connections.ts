import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import IORedis, { Redis, RedisOptions } from 'ioredis';
import { AjarEnvironment } from '@ajar/config';

/**
 * Creates and closes the Redis connections of a process. Producers fail fast when Redis is away
 * (no offline queue); BullMQ workers need `maxRetriesPerRequest: null` to block on Redis.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnections.name);
  private readonly open: Redis[] = [];

  constructor(private readonly env: AjarEnvironment) {}

  create(role: 'producer' | 'worker' | 'probe'): Redis {
    const options: RedisOptions =
      role === 'worker'
        ? { maxRetriesPerRequest: null }
        : { maxRetriesPerRequest: 1, enableOfflineQueue: role === 'producer' ? false : true, connectTimeout: 3000 };
    const connection = new IORedis(this.env.REDIS_URL, { ...options, lazyConnect: false });
    connection.on('error', (error: Error) => this.logger.warn(`redis (${role}): ${error.message}`));
    this.open.push(connection);
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.open.splice(0).map((connection) => connection.quit().catch(() => connection.disconnect())));
  }
}
