import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { validateEnvironment } from '@ajar/config';
import { logProcessFailures } from '@ajar/observability';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  validateEnvironment(process.env);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  logProcessFailures(app.get(Logger));
  // SIGTERM: BullMQ workers finish their active jobs, the relay stops, then connections close.
  app.enableShutdownHooks();
  app.get(Logger).log('Ajar worker started');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`ajar-worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
