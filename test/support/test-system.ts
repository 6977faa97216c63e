import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import IORedis from 'ioredis';
import request from 'supertest';
import { AjarEnvironment } from '@ajar/config';
import { CommitSignal } from '@ajar/database';
import { EventChainer, EventChainRepository } from '@ajar/event-store';
import { configureApp } from '@ajar/http';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TcpLink } from './tcp-link';
import { assertTestDatabase, databaseUrl, templateDatabase, testRunId, withAdmin } from '../setup/test-database';

export const BOOTSTRAP_TOKEN = 'test-bootstrap-token-0123456789abcdef';

/**
 * One test file's Ajar: its own database (cloned from the migrated template), its own BullMQ
 * prefix, the real API on a real HTTP port, and, on demand, the real worker process modules.
 */
export class TestSystem {
  api!: INestApplication;
  worker?: INestApplicationContext;
  db!: Client;
  readonly name: string;
  readonly prefix: string;
  /** With `links: true`: the API and worker reach PostgreSQL and Redis through these, which a test may cut. */
  postgresLink?: TcpLink;
  redisLink?: TcpLink;
  /** Redis as the test itself reaches it, past any link (for cleaning up). */
  private readonly directRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

  private constructor() {
    const id = `${testRunId()}_w${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
    this.name = `ajar_test_${id}`;
    this.prefix = `ajar-test-${id}`;
  }

  static async start(options: { worker: boolean; links?: boolean }): Promise<TestSystem> {
    const system = new TestSystem();
    assertTestDatabase(system.name);
    await withAdmin((client) => client.query(`CREATE DATABASE "${system.name}" TEMPLATE "${templateDatabase()}"`));
    const directDatabaseUrl = databaseUrl(system.name);
    process.env.DATABASE_URL = directDatabaseUrl;
    process.env.AJAR_QUEUE_PREFIX = system.prefix;
    if (options.links) {
      system.postgresLink = await TcpLink.to(TcpLink.targetOf(directDatabaseUrl, 5432));
      system.redisLink = await TcpLink.to(TcpLink.targetOf(system.directRedisUrl, 6379));
      process.env.DATABASE_URL = system.postgresLink.through(directDatabaseUrl);
      process.env.REDIS_URL = system.redisLink.through(system.directRedisUrl);
    }
    // The test's own client goes straight to PostgreSQL: it still sees the data while a link is cut.
    system.db = new Client({ connectionString: directDatabaseUrl });
    await system.db.connect();
    const module = await Test.createTestingModule({ imports: [ApiModule] }).compile();
    system.api = module.createNestApplication({ bodyParser: false, logger: false });
    configureApp(system.api);
    await system.api.listen(0, '127.0.0.1');
    if (options.worker) await system.startWorker();
    return system;
  }

  async startWorker(): Promise<void> {
    this.worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    this.worker.enableShutdownHooks([]);
  }

  /** Stops the worker as a crash would leave things: nothing more is relayed or consumed. */
  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = undefined;
  }

  /** Links every pending event into its tenant's chain, as the worker's chainer does. */
  async chainAll(): Promise<number> {
    const chainer = new EventChainer(new EventChainRepository(this.api.get(DataSource)), this.api.get(CommitSignal), this.api.get(AjarEnvironment));
    let total = 0;
    for (let linked = await chainer.chainBatch(); linked > 0; linked = await chainer.chainBatch()) total += linked;
    return total;
  }

  http(): ReturnType<typeof request> {
    return request(this.api.getHttpServer());
  }

  async stop(): Promise<void> {
    // Connections restored first, so the apps close cleanly (a Redis QUIT waits for a connection).
    this.postgresLink?.restore();
    this.redisLink?.restore();
    await this.stopWorker();
    await this.api?.close();
    await this.postgresLink?.close();
    await this.redisLink?.close();
    await this.db?.end();
    const redis = new IORedis(this.directRedisUrl);
    const keys = await redis.keys(`${this.prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`));
  }

  async query<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, parameters)).rows as T[];
  }

  /** Creates a tenant through the API and returns its admin key. */
  async createTenant(kind: 'funder' | 'institution' | 'advisory_body' = 'institution', name = 'Test University'): Promise<{ tenantId: string; adminKey: string }> {
    const response = await this.http()
      .post('/v1/tenants')
      .set('Authorization', `Bearer ${BOOTSTRAP_TOKEN}`)
      .send({ name, kind })
      .expect(201);
    return { tenantId: response.body.tenant.id as string, adminKey: response.body.apiKey.key as string };
  }

  async issueKey(adminKey: string, roles: string[], name = roles.join('+'), contactEmail?: string): Promise<string> {
    const response = await this.http()
      .post('/v1/api-keys')
      .set('Authorization', `Bearer ${adminKey}`)
      .send({ name, roles, ...(contactEmail !== undefined ? { contactEmail } : {}) })
      .expect(201);
    return response.body.key as string;
  }

  /** A one-time registration code an advisory body's admin issues: its consent to be registered. */
  async registrationCode(advisoryAdminKey: string, forTenantId?: string): Promise<string> {
    const response = await this.http()
      .post('/v1/advisor-registration-codes')
      .set('Authorization', `Bearer ${advisoryAdminKey}`)
      .send(forTenantId === undefined ? {} : { forTenantId })
      .expect(201);
    return response.body.code as string;
  }
}

/** Polls a condition until it holds, failing after a bounded time (never a fixed sleep). */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
