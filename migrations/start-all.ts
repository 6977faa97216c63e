import concurrently from 'concurrently';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { validateEnvironment } from '@ajar/config';
import { createDatabaseIfMissing } from './create-database';
import { createDataSource } from './data-source';

/**
 * `npm start`: creates the database if missing, applies the migrations, then runs the API and
 * the worker side by side until one of them stops (Ctrl-C stops both).
 */
async function main(): Promise<void> {
  if (!process.env.AJAR_BOOTSTRAP_TOKEN) {
    // A fresh machine should be usable at once: make a token for this run and say it once.
    process.env.AJAR_BOOTSTRAP_TOKEN = randomBytes(24).toString('base64url');
    process.stdout.write(
      `AJAR_BOOTSTRAP_TOKEN was not set; for this run it is: ${process.env.AJAR_BOOTSTRAP_TOKEN}\n` +
        'Use it for POST /v1/tenants. Set AJAR_BOOTSTRAP_TOKEN yourself to keep one across restarts.\n',
    );
  }
  const env = validateEnvironment(process.env);
  await createDatabaseIfMissing(env.DATABASE_URL);
  const dataSource = createDataSource(env.DATABASE_URL);
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.stdout.write(`migrations applied: ${applied.length}\n`);

  const root = join(__dirname, '..', '..', '..');
  const { result } = concurrently(
    [
      // A 64 MB young generation halves the API's garbage collection (docs/benchmarks.md, intake).
      { name: 'api', command: `node --max-semi-space-size=64 ${join(root, 'dist/apps/api/apps/api/src/main.js')}` },
      { name: 'worker', command: `node ${join(root, 'dist/apps/worker/apps/worker/src/main.js')}` },
    ],
    { killOthersOn: ['failure', 'success'], prefixColors: ['cyan', 'magenta'] },
  );
  await result;
}

main().catch((error: unknown) => {
  process.stderr.write(`ajar failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
