import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CommitSignal } from '@ajar/database';

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

/**
 * Active API keys by key hash, so a request need not read its key from PostgreSQL each time (one
 * of the two statements of a submission). Safe only while revocations reach this process: it
 * remembers keys only while the process's CommitSignal listens on the revocation channel. A
 * revocation, a lost listener and a new listener each forget everything, and a read that began
 * before one of them is not remembered. Unknown or revoked keys are never remembered; every answer
 * is re-read after TTL_MS.
 */
@Injectable()
export class ApiKeyCache implements OnModuleInit, OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private listening = false;
  /** Bumped whenever what was read may be stale; a read of an older generation is not kept. */
  private generation = 0;
  private unsubscribe?: () => void;

  constructor(private readonly signal: CommitSignal) {}

  /** Whether keys are being remembered (the revocation channel is up). */
  get isCaching(): boolean {
    return this.listening;
  }

  async onModuleInit(): Promise<void> {
    this.unsubscribe = await this.signal.subscribe(
      () => this.forgetAll(),
      API_KEY_REVOKED_CHANNEL,
      (listening) => {
        // Lost: stop remembering. Back: what was revoked meanwhile was not heard; start from nothing.
        this.forgetAll();
        this.listening = listening;
      },
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.listening = false;
    this.forgetAll();
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
}
