import 'reflect-metadata';
import cluster from 'node:cluster';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { AjarEnvironment, validateEnvironment } from '@ajar/config';
import { configureApp } from '@ajar/http';
import { ApiModule } from './api.module';
import { followSupervisor, superviseApiProcesses } from './api-process-group';

async function serve(env: AjarEnvironment): Promise<void> {
  const serving = cluster.isWorker ? followSupervisor() : undefined;
  const app = await NestFactory.create(ApiModule, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.listen(env.PORT);
  serving?.();
  app.get(Logger).log(`Ajar API listening on port ${env.PORT}; OpenAPI at /docs`);
}

async function bootstrap(): Promise<void> {
  // Fail before anything starts, naming each bad variable.
  const env = validateEnvironment(process.env);
  if (cluster.isPrimary && env.AJAR_API_PROCESSES > 1) {
    superviseApiProcesses(env.AJAR_API_PROCESSES, pino({ name: 'ajar-api', level: env.LOG_LEVEL }));
    return;
  }
  await serve(env);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`ajar-api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
