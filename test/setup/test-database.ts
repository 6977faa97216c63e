import { Client } from 'pg';

export const ADMIN_URL = process.env.AJAR_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Each `npm test` run names its databases after itself, so parallel runs never touch each other's. */
export function testRunId(): string {
  const run = process.env.AJAR_TEST_RUN;
  if (!run) throw new Error('AJAR_TEST_RUN is not set: run the tests through jest (globalSetup sets it)');
  return run;
}

export function templateDatabase(): string {
  return `ajar_test_${testRunId()}_tpl`;
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Refuses names that are not test databases, so a test can never drop a real one. */
export function assertTestDatabase(name: string): void {
  if (!/^ajar_test_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to touch non-test database ${name}`);
}
