import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../tsconfig.json';
import { assertTestDatabase, databaseUrl, templateDatabase, withAdmin } from './test-database';

// globalSetup runs outside jest's module mapper: resolve the @ajar/* aliases here too.
register({ baseUrl: `${__dirname}/../..`, paths: compilerOptions.paths });

/**
 * Builds this run's template database once by applying the real migrations; each test file then
 * clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds. Test databases left behind
 * by runs that were killed more than two hours ago are removed.
 */
export default async function globalSetup(): Promise<void> {
  // Inherited by the jest workers, which start after this.
  process.env.AJAR_TEST_RUN = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const template = templateDatabase();
  assertTestDatabase(template);
  await withAdmin(async (client) => {
    const stale = await client.query(
      `SELECT datname FROM pg_database
        WHERE datname LIKE 'ajar\\_test\\_%'
          AND (pg_stat_file('base/' || oid || '/PG_VERSION')).modification < now() - interval '2 hours'`,
    );
    for (const row of stale.rows as { datname: string }[]) {
      assertTestDatabase(row.datname);
      await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${template}"`);
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the alias hook above
  const { createDataSource } = require('../../migrations/data-source') as typeof import('../../migrations/data-source');
  const dataSource = createDataSource(databaseUrl(template));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
