import { postgresOptions } from './typeorm-options';

describe('postgresOptions', () => {
  const base = { url: 'postgres://postgres@127.0.0.1:5432/ajar', poolSize: 7, applicationName: 'ajar-test' };

  it('never synchronizes the schema and bounds the pool', () => {
    const options = postgresOptions(base);
    expect(options).toMatchObject({ type: 'postgres', synchronize: false, migrationsRun: false, logging: false });
    expect(options.extra).toMatchObject({ max: 7, connectionTimeoutMillis: 5000 });
  });

  it('keeps an idle pooled connection 300 s unless told otherwise, and 0 keeps it for good', () => {
    expect(postgresOptions(base).extra).toMatchObject({ idleTimeoutMillis: 300000 });
    expect(postgresOptions({ ...base, poolIdleSeconds: 45 }).extra).toMatchObject({ idleTimeoutMillis: 45000 });
    // pg-pool reads 0 as "never close an idle client".
    expect(postgresOptions({ ...base, poolIdleSeconds: 0 }).extra).toMatchObject({ idleTimeoutMillis: 0 });
  });
});
