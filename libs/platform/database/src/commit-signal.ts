import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AjarEnvironment } from '@ajar/config';

/** Channel notified by every transaction that appended events (delivered at commit only). */
export const COMMIT_CHANNEL = 'ajar_commit';
/** Channel notified by the event chainer after it linked new events (read by webhook fan-out). */
export const CHAINED_CHANNEL = 'ajar_chained';

interface Subscriber {
  onSignal: () => void;
  onListening?: (listening: boolean) => void;
}

const RECONNECT_MS = { first: 500, max: 30_000 };

/**
 * One LISTEN connection per process, on the channels its subscribers asked for, that tells them
 * of notifications delivered at commit: after-commit loops (outbox relay, event chainer) learn
 * there is new work, so they need not poll fast.
 *
 * The connection can be lost. Subscribers that depend on hearing every notification pass
 * `onListening`: told false when the connection is lost, true once it listens again. It
 * reconnects with backoff, and after reconnecting signals every subscriber once, since what was
 * notified meanwhile was not heard.
 */
@Injectable()
export class CommitSignal implements OnApplicationShutdown {
  private readonly logger = new Logger(CommitSignal.name);
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  /** Channels LISTENed on the current connection. */
  private readonly heard = new Set<string>();
  private client?: Client;
  private firstConnection?: Promise<void>;
  private reconnectMs = RECONNECT_MS.first;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly env: AjarEnvironment) {}

  /**
   * Calls `onSignal` at each notification of `channel`. Resolves once the first attempt to listen
   * is over (listening or not: loops poll meanwhile); returns the unsubscribe function.
   */
  async subscribe(onSignal: () => void, channel: string = COMMIT_CHANNEL, onListening?: (listening: boolean) => void): Promise<() => void> {
    let listeners = this.subscribers.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.subscribers.set(channel, listeners);
    }
    const subscriber: Subscriber = { onSignal, onListening };
    listeners.add(subscriber);
    this.firstConnection ??= this.connect(false);
    await this.firstConnection;
    if (await this.listenTo(channel)) onListening?.(true);
    return () => {
      listeners.delete(subscriber);
      // A channel nobody subscribes to is not listened on again after a reconnect.
      if (listeners.size === 0 && this.subscribers.get(channel) === listeners) this.subscribers.delete(channel);
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.subscribers.clear();
    await this.client?.end().catch(() => undefined);
  }

  /** LISTENs on the channel if the connection is up; whether it is heard now. */
  private async listenTo(channel: string): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    if (!this.heard.has(channel)) {
      this.heard.add(channel);
      try {
        await client.query(`LISTEN ${channel}`);
      } catch {
        // Not heard: a subscriber that depends on hearing it must not be told
        // otherwise. If the connection is gone, reconnecting listens on every channel again.
        this.heard.delete(channel);
      }
    }
    return this.client === client && this.heard.has(channel);
  }

  private async connect(reconnecting: boolean): Promise<void> {
    const client = new Client({ connectionString: this.env.DATABASE_URL, application_name: 'ajar-commit-signal' });
    const lost = (reason: string): void => {
      if (this.client !== client) return;
      this.client = undefined;
      this.heard.clear();
      client.end().catch(() => undefined);
      this.tellEach((subscriber) => subscriber.onListening?.(false));
      if (this.stopped) return;
      this.logger.warn({ reason }, 'notification listener lost; loops poll, the API reads every key, until it listens again');
      this.scheduleReconnect();
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    client.on('notification', (notification) => {
      for (const subscriber of this.subscribers.get(notification.channel) ?? []) subscriber.onSignal();
    });
    this.client = client;
    try {
      await client.connect();
      const channels = [...this.subscribers.keys()];
      for (const channel of channels) this.heard.add(channel);
      if (channels.length > 0) await client.query(channels.map((channel) => `LISTEN ${channel}`).join('; '));
    } catch (error) {
      lost((error as Error).message);
      return;
    }
    if (this.client !== client || this.stopped) return;
    this.reconnectMs = RECONNECT_MS.first;
    if (reconnecting) {
      this.tellEach((subscriber) => {
        subscriber.onListening?.(true);
        // Notifications sent while nobody listened were not heard.
        subscriber.onSignal();
      });
    }
  }

  private tellEach(tell: (subscriber: Subscriber) => void): void {
    for (const listeners of this.subscribers.values()) for (const subscriber of listeners) tell(subscriber);
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(true), this.reconnectMs);
    this.reconnectMs = Math.min(this.reconnectMs * 2, RECONNECT_MS.max);
  }
}
