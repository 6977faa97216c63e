import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AjarEnvironment } from '@ajar/config';
import { QueueEnvelope, QueueName, QueueRegistry } from '@ajar/messaging';
import { OUTBOX_CHANNEL } from './outbox';

const BATCH = 200;

interface PendingRow {
  id: string;
  destination: QueueName;
  job_name: string;
  envelope: QueueEnvelope;
}

/**
 * Moves committed outbox rows into BullMQ, the outbox id as job id (at-least-once). Rows are
 * claimed with SKIP LOCKED so several worker replicas can relay side by side. A crash between
 * `add` and the `published_at` update re-publishes the row later; BullMQ ignores a job id it
 * still holds, and consumers dedupe through their inbox in any case.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private listener?: Client;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly env: AjarEnvironment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Publishes one batch; returns how many rows it moved. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: PendingRow[] = await em.query(
        `SELECT id, destination, job_name, envelope FROM outbox_messages
          WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      await Promise.all(
        rows.map((row) => this.queues.get(row.destination).add(row.job_name, row.envelope, { jobId: row.id })),
      );
      await em.query(`UPDATE outbox_messages SET published_at = now() WHERE id = ANY($1::uuid[])`, [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let moved = 0;
      try {
        moved = await this.publishBatch();
      } catch (error) {
        this.logger.error({ err: (error as Error).message }, 'outbox relay batch failed; retrying');
      }
      if (moved < BATCH && this.running) await this.idle(this.env.AJAR_OUTBOX_POLL_MS);
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** LISTEN on the outbox channel so a commit wakes the relay; polling stays as the fallback. */
  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.env.DATABASE_URL, application_name: 'ajar-outbox-relay' });
    client.on('error', (error) => this.logger.warn({ err: error.message }, 'outbox listener lost; polling only'));
    client.on('notification', () => this.wake?.());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'cannot LISTEN for outbox notifications; polling only');
      await client.end().catch(() => undefined);
    }
  }
}
