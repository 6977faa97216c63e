import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AjarEnvironment } from '@ajar/config';

/** Channel notified by every transaction that appended events (delivered at commit only). */
export const COMMIT_CHANNEL = 'ajar_commit';

/**
 * One LISTEN connection per process that tells after-commit loops (outbox relay, event chainer)
 * that there is new work, so they need not poll fast. If it cannot listen, loops keep polling.
 */
@Injectable()
export class CommitSignal implements OnApplicationShutdown {
  private readonly logger = new Logger(CommitSignal.name);
  private readonly subscribers = new Set<() => void>();
  private client?: Client;
  private connecting?: Promise<void>;

  constructor(private readonly env: AjarEnvironment) {}

  async subscribe(onCommit: () => void): Promise<() => void> {
    this.subscribers.add(onCommit);
    this.connecting ??= this.connect();
    await this.connecting;
    return () => this.subscribers.delete(onCommit);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.env.DATABASE_URL, application_name: 'ajar-commit-signal' });
    client.on('error', (error) => this.logger.warn({ err: error.message }, 'commit listener lost; loops fall back to polling'));
    client.on('notification', () => {
      for (const subscriber of this.subscribers) subscriber();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${COMMIT_CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'cannot LISTEN for commits; loops poll only');
      await client.end().catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscribers.clear();
    await this.client?.end().catch(() => undefined);
  }
}
