import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { validateEnvironment } from '@ajar/config';
import { logProcessFailures } from '@ajar/observability';
import { configureApp } from '@ajar/http';
import { ApiModule } from './api.module';

async function bootstrap(): Promise<void> {
  // Fail before anything starts, naming each bad variable.
  const env = validateEnvironment(process.env);
  const app = await NestFactory.create(ApiModule, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  logProcessFailures(app.get(Logger));
  configureApp(app);
  await app.listen(env.PORT);
  app.get(Logger).log(`Ajar API listening on port ${env.PORT}; OpenAPI at /docs`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`ajar-api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
