import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../tsconfig.json';

// globalSetup runs outside jest's module mapper: resolve the @ajar/* aliases here too.
register({ baseUrl: `${__dirname}/../..`, paths: compilerOptions.paths });
import { assertTestDatabase, databaseUrl, TEMPLATE_DATABASE, withAdmin } from './test-database';

/**
 * Builds the template database once per run by applying the real migrations; each test file
 * then clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the alias hook above
  const { createDataSource } = require('../../migrations/data-source') as typeof import('../../migrations/data-source');
  assertTestDatabase(TEMPLATE_DATABASE);
  await withAdmin(async (client) => {
    const stale = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'ajar_test_%'`);
    for (const row of stale.rows as { datname: string }[]) {
      assertTestDatabase(row.datname);
      await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  });
  const dataSource = createDataSource(databaseUrl(TEMPLATE_DATABASE));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
