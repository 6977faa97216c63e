import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { validateEnvironment } from '@ajar/config';
import { lowerProcessPriority } from './process-priority';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const env = validateEnvironment(process.env);
  // Below the API on a shared host: screening takes the CPU that intake leaves.
  if (env.AJAR_WORKER_NICE > 0) lowerProcessPriority(env.AJAR_WORKER_NICE);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM: BullMQ workers finish their active jobs, the relay stops, then connections close.
  app.enableShutdownHooks();
  app.get(Logger).log('Ajar worker started');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`ajar-worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
