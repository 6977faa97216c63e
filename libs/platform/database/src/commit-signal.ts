import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AjarEnvironment } from '@ajar/config';

/** Channel notified by every transaction that appended events (delivered at commit only). */
export const COMMIT_CHANNEL = 'ajar_commit';
/** Channel notified by the event chainer after it linked new events (read by webhook fan-out). */
export const CHAINED_CHANNEL = 'ajar_chained';

/**
 * One LISTEN connection per process that tells after-commit loops (outbox relay, event chainer)
 * that there is new work, so they need not poll fast. If it cannot listen, loops keep polling.
 */
@Injectable()
export class CommitSignal implements OnApplicationShutdown {
  private readonly logger = new Logger(CommitSignal.name);
  private readonly subscribers = new Map<string, Set<() => void>>();
  private client?: Client;
  private connecting?: Promise<void>;

  constructor(private readonly env: AjarEnvironment) {}

  async subscribe(onCommit: () => void, channel: string = COMMIT_CHANNEL): Promise<() => void> {
    let listeners = this.subscribers.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.subscribers.set(channel, listeners);
    }
    listeners.add(onCommit);
    this.connecting ??= this.connect();
    await this.connecting;
    return () => listeners.delete(onCommit);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.env.DATABASE_URL, application_name: 'ajar-commit-signal' });
    client.on('error', (error) => this.logger.warn({ err: error.message }, 'commit listener lost; loops fall back to polling'));
    client.on('notification', (notification) => {
      for (const subscriber of this.subscribers.get(notification.channel) ?? []) subscriber();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${COMMIT_CHANNEL}; LISTEN ${CHAINED_CHANNEL}`);
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
