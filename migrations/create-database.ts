import { Client } from 'pg';
import { validateEnvironment } from '@ajar/config';

/** Creates the database named in DATABASE_URL if it does not exist yet (connects to `postgres`). */
export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) throw new Error(`DATABASE_URL names an unusual database "${name}"; create it by hand`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } catch (error) {
    // Another process created it in the meantime.
    if ((error as { code?: string }).code === '42P04') return false;
    throw error;
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  const { DATABASE_URL } = validateEnvironment(process.env);
  createDatabaseIfMissing(DATABASE_URL)
    .then((created) => {
      process.stdout.write(created ? `created database ${new URL(DATABASE_URL).pathname.slice(1)}\n` : 'database exists\n');
    })
    .catch((error: unknown) => {
      process.stderr.write(`cannot create the database: ${(error as Error).message}\n`);
      process.exit(1);
    });
}
