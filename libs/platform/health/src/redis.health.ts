import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { RedisConnections } from '@ajar/messaging';

/** Pings Redis on a connection of its own, with a short timeout. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private connection?: Redis;

  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly connections: RedisConnections,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    this.connection ??= this.connections.create('probe');
    try {
      const answer = await Promise.race([
        this.connection.ping(),
        new Promise<string>((_resolve, reject) => setTimeout(() => reject(new Error('timeout after 1000 ms')), 1000).unref()),
      ]);
      return answer === 'PONG' ? check.up() : check.down({ message: `unexpected answer ${answer}` });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  onModuleDestroy(): void {
    this.connection = undefined;
  }
}
