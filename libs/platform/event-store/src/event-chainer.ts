import { Injectable } from '@nestjs/common';
import { AjarEnvironment } from '@ajar/config';
import { AfterCommitLoop, CommitSignal } from '@ajar/database';
import { EventChainRepository } from './event-chain.repository';

const BATCH = 1000;

/**
 * Links committed events into their tenant's hash chain, in batches, shortly after commit (worker
 * process). A crash between batches loses nothing: pending rows stay until their link is written.
 */
@Injectable()
export class EventChainer extends AfterCommitLoop {
  constructor(
    private readonly chains: EventChainRepository,
    signal: CommitSignal,
    env: AjarEnvironment,
  ) {
    super(signal, { idleMs: env.AJAR_OUTBOX_POLL_MS, coalesceMs: 10, fullBatch: BATCH });
  }

  runBatch(): Promise<number> {
    return this.chainBatch();
  }

  /** Chains up to one batch of pending events; returns how many it linked. */
  chainBatch(): Promise<number> {
    return this.chains.chainBatch(BATCH);
  }
}
