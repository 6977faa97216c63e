import { Global, Injectable, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import IORedis from 'ioredis';
import { ClsModule } from 'nestjs-cls';
import { Logger, LoggerModule } from 'nestjs-pino';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { AjarConfigModule } from '@ajar/config';
import { ConsumerHostModule, ConsumesQueue, MessagingModule, QueueConsumer, QueueEnvelope, QueueRegistry, Queues } from '@ajar/messaging';
import { httpLoggerOptions, Metrics } from '@ajar/observability';
import { waitFor } from '../../support/test-system';

/** What the worker's logger wrote, chunk by chunk (pino writes one chunk per event). */
const written: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done): void {
    written.push(chunk.toString('utf8'));
    done();
  },
});

@Injectable()
@ConsumesQueue(Queues.Appraisal)
class AlwaysFailingConsumer implements QueueConsumer {
  async consume(): Promise<void> {
    throw new Error('the appraisal could not be stored');
  }
}

/** The queue metrics need a registry, as ObservabilityModule gives the apps one. */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
class MetricsRegistryModule {}

@Module({
  imports: [
    AjarConfigModule,
    MetricsRegistryModule,
    ClsModule.forRoot({ global: true }),
    LoggerModule.forRoot({ pinoHttp: [httpLoggerOptions('ajar-worker', 'info'), logStream] }),
    MessagingModule,
    ConsumerHostModule,
  ],
  providers: [AlwaysFailingConsumer],
})
class FailingWorkerModule {}

/** The worker's real logger (nestjs-pino) and BullMQ on the real Redis: what an operator sees when a job gives up. */
describe('the log of a failing job', () => {
  let worker: INestApplicationContext;
  const prefix = `ajar-test-joblog-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    process.env.AJAR_QUEUE_PREFIX = prefix;
    worker = await NestFactory.createApplicationContext(FailingWorkerModule, { bufferLogs: true });
    worker.useLogger(worker.get(Logger));
  });

  afterAll(async () => {
    await worker.close();
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('warns on an attempt that will be retried, and logs the last one at error level, one JSON line, with queue, job and case id', async () => {
    const envelope: QueueEnvelope = {
      messageId: 'msg-joblog-1',
      type: 'case.submitted.v1',
      tenantId: 'tenant-joblog',
      correlationId: 'corr-joblog-1',
      causationId: 'cause-joblog-1',
      data: { caseId: 'case-joblog-42', caseVersion: 1 },
    };
    await worker
      .get(QueueRegistry)
      .get(Queues.Appraisal)
      .add(envelope.type, envelope, { jobId: envelope.messageId, attempts: 2, backoff: { type: 'fixed', delay: 10 } });

    const failureLines = () => written.filter((chunk) => chunk.includes('msg-joblog-1'));
    const lines = await waitFor(async () => {
      const found = failureLines();
      return found.some((line) => (JSON.parse(line) as { level: number }).level === 50) ? found : undefined;
    }, 'the final failure to be logged');

    // Each event is one line: no newline inside, the stack (if any) is a JSON string field.
    for (const line of lines) expect(line.trimEnd()).not.toContain('\n');
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const warning = events.find((event) => event.level === 40);
    const final = events.find((event) => event.level === 50);
    expect(warning).toMatchObject({ queue: 'appraisal', jobId: 'msg-joblog-1', attempt: 1, caseId: 'case-joblog-42' });
    expect(final).toMatchObject({
      queue: 'appraisal',
      jobId: 'msg-joblog-1',
      jobName: 'case.submitted.v1',
      caseId: 'case-joblog-42',
      tenantId: 'tenant-joblog',
      attempt: 2,
      attempts: 2,
      err: { message: 'the appraisal could not be stored' },
    });
    expect((final?.err as { stack?: string }).stack).toContain('AlwaysFailingConsumer');
    expect(events.filter((event) => event.level === 50)).toHaveLength(1);
  });
});
