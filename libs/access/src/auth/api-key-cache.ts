import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { AjarEnvironment } from '@ajar/config';

/** Notified in the transaction that revokes a key (delivered at commit), heard by every API process. */
export const API_KEY_REVOKED_CHANNEL = 'ajar_api_key_revoked';

/** An active key as the guard needs it. */
export interface ActiveApiKey {
  id: string;
  tenant_id: string;
  roles: string[];
}

interface Entry {
  key: ActiveApiKey;
  expiresAt: number;
}

/** Keys remembered at most; past it the oldest goes. */
const MAX_ENTRIES = 10_000;
/** A backstop only: revocations arrive by NOTIFY within milliseconds. */
const TTL_MS = 30_000;
const RECONNECT_MS = { first: 500, max: 30_000 };

/**
 * Active API keys by key hash, so a request need not read its key from PostgreSQL each time (one
 * of the two statements of a submission). Safe only while revocations reach this process: it
 * remembers keys only while it LISTENs on the revocation channel. A revocation, a lost listener
 * and a new listener each forget everything, and a read that began before one of them is not
 * remembered. Unknown or revoked keys are never remembered; every answer is re-read after TTL_MS.
 */
@Injectable()
export class ApiKeyCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeyCache.name);
  private readonly entries = new Map<string, Entry>();
  private listening = false;
  /** Bumped whenever what was read may be stale; a read of an older generation is not kept. */
  private generation = 0;
  private client?: Client;
  private reconnectMs = RECONNECT_MS.first;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly env: AjarEnvironment) {}

  /** Whether keys are being remembered (the revocation channel is up). */
  get isCaching(): boolean {
    return this.listening;
  }

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.stopCaching();
    await this.client?.end().catch(() => undefined);
  }

  /** The active key of this hash, from memory or from `read`. */
  async find(keyHash: string, read: () => Promise<ActiveApiKey | undefined>): Promise<ActiveApiKey | undefined> {
    if (this.listening) {
      const entry = this.entries.get(keyHash);
      if (entry && entry.expiresAt > Date.now()) return entry.key;
      if (entry) this.entries.delete(keyHash);
    }
    const generation = this.generation;
    const key = await read();
    if (key && this.listening && generation === this.generation) this.remember(keyHash, key);
    return key;
  }

  /** Forgets every key: a key was revoked here or elsewhere. */
  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  private remember(keyHash: string, key: ActiveApiKey): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(keyHash, { key, expiresAt: Date.now() + TTL_MS });
  }

  private stopCaching(): void {
    this.listening = false;
    this.forgetAll();
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.env.DATABASE_URL, application_name: 'ajar-api-key-revocations' });
    const lost = (reason: string): void => {
      if (this.client !== client) return;
      this.client = undefined;
      this.stopCaching();
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn({ reason }, 'API key revocations not heard; every request reads its key until they are again');
      this.scheduleReconnect();
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    client.on('notification', (notification) => {
      if (notification.channel === API_KEY_REVOKED_CHANNEL) this.forgetAll();
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${API_KEY_REVOKED_CHANNEL}`);
    } catch (error) {
      lost((error as Error).message);
      return;
    }
    // Lost between LISTEN and here, or shut down meanwhile: not listening.
    if (this.client !== client || this.stopped) return;
    this.reconnectMs = RECONNECT_MS.first;
    // Revocations made while nobody listened were not heard: start from nothing.
    this.forgetAll();
    this.listening = true;
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.listen(), this.reconnectMs);
    this.reconnectMs = Math.min(this.reconnectMs * 2, RECONNECT_MS.max);
  }
}
