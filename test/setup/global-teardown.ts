import { assertTestDatabase, testRunId, withAdmin } from './test-database';

/** Drops every database of this run (the template and any a crashed test file left behind). */
export default async function globalTeardown(): Promise<void> {
  const run = testRunId();
  await withAdmin(async (client) => {
    const mine = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`ajar\\_test\\_${run}\\_%`]);
    for (const row of mine.rows as { datname: string }[]) {
      assertTestDatabase(row.datname);
      await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
  });
}
