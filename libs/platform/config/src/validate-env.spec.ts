import { trustProxySetting } from './trust-proxy';
import { InvalidEnvironmentError, validateEnvironment } from './validate-env';

describe('validateEnvironment', () => {
  it('applies the local defaults when nothing is set', () => {
    const env = validateEnvironment({});
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/ajar');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
    expect(env.AJAR_BOOTSTRAP_TOKEN).toBeUndefined();
  });

  it('converts numeric variables', () => {
    expect(validateEnvironment({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('reads the SMTP settings: AJAR_SMTP_URL optional (smtp:// or smtps://, never echoed), AJAR_MAIL_FROM with a default', () => {
    expect(validateEnvironment({}).AJAR_SMTP_URL).toBeUndefined();
    expect(validateEnvironment({}).AJAR_MAIL_FROM).toBe('Ajar <notices@ajar.invalid>');
    expect(validateEnvironment({ AJAR_SMTP_URL: 'smtps://user:pw@smtp.example.org:465' }).AJAR_SMTP_URL).toBe('smtps://user:pw@smtp.example.org:465');
    expect(validateEnvironment({ AJAR_SMTP_URL: 'smtp://127.0.0.1:2525' }).AJAR_SMTP_URL).toBe('smtp://127.0.0.1:2525');
    let caught: unknown;
    try {
      validateEnvironment({ AJAR_SMTP_URL: 'https://user:hunter2-secret@mail.example.org', AJAR_MAIL_FROM: 'no address' });
    } catch (error) {
      caught = error;
    }
    const message = (caught as Error).message;
    expect(message).toContain('AJAR_SMTP_URL must be an smtp:// or smtps:// URL (got [hidden])');
    expect(message).toContain('AJAR_MAIL_FROM');
    expect(message).not.toContain('hunter2-secret');
  });

  it('reads AJAR_JOB_ATTEMPTS (1 to 100, default 8) and AJAR_JOB_BACKOFF_MS (10 to 3600000, default 1000)', () => {
    expect(validateEnvironment({})).toMatchObject({ AJAR_JOB_ATTEMPTS: 8, AJAR_JOB_BACKOFF_MS: 1000 });
    expect(validateEnvironment({ AJAR_JOB_ATTEMPTS: '2', AJAR_JOB_BACKOFF_MS: '50' })).toMatchObject({ AJAR_JOB_ATTEMPTS: 2, AJAR_JOB_BACKOFF_MS: 50 });
    expect(() => validateEnvironment({ AJAR_JOB_ATTEMPTS: '0' })).toThrow(/AJAR_JOB_ATTEMPTS/);
    expect(() => validateEnvironment({ AJAR_JOB_ATTEMPTS: '1.5' })).toThrow(/AJAR_JOB_ATTEMPTS/);
    expect(() => validateEnvironment({ AJAR_JOB_BACKOFF_MS: '5' })).toThrow(/AJAR_JOB_BACKOFF_MS/);
  });

  it('reads DATABASE_POOL_IDLE_SECONDS (0 to 86400, default 300; 0 keeps idle connections open)', () => {
    expect(validateEnvironment({}).DATABASE_POOL_IDLE_SECONDS).toBe(300);
    expect(validateEnvironment({ DATABASE_POOL_IDLE_SECONDS: '' }).DATABASE_POOL_IDLE_SECONDS).toBe(300);
    for (const seconds of [0, 10, 86400]) {
      expect(validateEnvironment({ DATABASE_POOL_IDLE_SECONDS: String(seconds) }).DATABASE_POOL_IDLE_SECONDS).toBe(seconds);
    }
  });

  it.each([
    ['DATABASE_POOL_IDLE_SECONDS', '-1', 'DATABASE_POOL_IDLE_SECONDS must not be less than 0'],
    ['DATABASE_POOL_IDLE_SECONDS', '86401', 'DATABASE_POOL_IDLE_SECONDS must not be greater than 86400'],
    ['DATABASE_POOL_IDLE_SECONDS', 'forever', 'DATABASE_POOL_IDLE_SECONDS must be an integer number'],
  ])('refuses %s=%s and names it', (variable, value, reason) => {
    let caught: unknown;
    try {
      validateEnvironment({ [variable]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEnvironmentError);
    expect((caught as InvalidEnvironmentError).problems).toEqual([expect.stringMatching(new RegExp(`^${variable}: `))]);
    expect((caught as Error).message).toContain(reason);
    expect((caught as Error).message).toContain(`(got "${value}")`);
  });

  it('names every invalid variable and the reason', () => {
    let caught: unknown;
    try {
      validateEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', AJAR_BOOTSTRAP_TOKEN: 'short' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEnvironmentError);
    const message = (caught as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL must be a postgres:// URL');
    expect(message).toContain('AJAR_BOOTSTRAP_TOKEN must be at least 24 characters');
    expect(message).toMatch(/PORT: .*PORT must be an integer number.*\(got "eighty"\)/);
    expect(message).toContain('(got "eighty")');
    expect(message).not.toContain('short');
  });

  it('reads the rate limits, with defaults of 600 requests per key, 30 costly per key, 60 per address without a key and 10 failed authentications per address, per 60 s', () => {
    expect(validateEnvironment({})).toMatchObject({
      AJAR_RATE_LIMIT_WINDOW_SECONDS: 60,
      AJAR_RATE_LIMIT_PER_KEY: 600,
      AJAR_RATE_LIMIT_COSTLY_PER_KEY: 30,
      AJAR_RATE_LIMIT_PER_IP: 60,
      AJAR_RATE_LIMIT_FAILED_AUTH_PER_IP: 10,
      AJAR_RATE_LIMIT_FAILED_AUTH_BLOCK_SECONDS: 300,
    });
    expect(validateEnvironment({ AJAR_RATE_LIMIT_PER_KEY: '5', AJAR_RATE_LIMIT_WINDOW_SECONDS: '1' })).toMatchObject({ AJAR_RATE_LIMIT_PER_KEY: 5, AJAR_RATE_LIMIT_WINDOW_SECONDS: 1 });
    expect(() => validateEnvironment({ AJAR_RATE_LIMIT_PER_KEY: '0' })).toThrow(/AJAR_RATE_LIMIT_PER_KEY/);
    expect(() => validateEnvironment({ AJAR_RATE_LIMIT_PER_IP: 'many' })).toThrow(/AJAR_RATE_LIMIT_PER_IP/);
    expect(() => validateEnvironment({ AJAR_RATE_LIMIT_WINDOW_SECONDS: '86401' })).toThrow(/AJAR_RATE_LIMIT_WINDOW_SECONDS/);
  });

  it('reads AJAR_TRUST_PROXY as Express trust proxy takes it: false by default, true, a hop count, or addresses, ranges and range names', () => {
    expect(validateEnvironment({}).AJAR_TRUST_PROXY).toBe('false');
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting(' loopback, 10.0.0.0/8 ,fd00::/8')).toBe('loopback,10.0.0.0/8,fd00::/8');
    for (const value of ['true', '1', 'loopback', '10.0.0.1', '10.0.0.0/8, 192.168.1.1', 'uniquelocal,linklocal', '2001:db8::/32']) {
      expect(validateEnvironment({ AJAR_TRUST_PROXY: value }).AJAR_TRUST_PROXY).toBe(value);
    }
    for (const value of ['yes', '10.0.0.0/33', 'proxy.example.org', '10.0.0.1,,', '300']) {
      expect(() => validateEnvironment({ AJAR_TRUST_PROXY: value })).toThrow(/AJAR_TRUST_PROXY must be true, false, a hop count/);
    }
  });

  it('reads AJAR_API_DOCS (public, admin or off): public by default, off by default when NODE_ENV=production', () => {
    expect(validateEnvironment({}).AJAR_API_DOCS).toBe('public');
    expect(validateEnvironment({ NODE_ENV: 'development' }).AJAR_API_DOCS).toBe('public');
    expect(validateEnvironment({ NODE_ENV: 'production' }).AJAR_API_DOCS).toBe('off');
    for (const mode of ['public', 'admin', 'off']) {
      expect(validateEnvironment({ NODE_ENV: 'production', AJAR_API_DOCS: mode }).AJAR_API_DOCS).toBe(mode);
    }
    expect(() => validateEnvironment({ AJAR_API_DOCS: 'yes' })).toThrow(/AJAR_API_DOCS/);
  });

  it('reads AJAR_IDEMPOTENCY_LEASE_SECONDS (1 to 300, default 15)', () => {
    expect(validateEnvironment({}).AJAR_IDEMPOTENCY_LEASE_SECONDS).toBe(15);
    expect(validateEnvironment({ AJAR_IDEMPOTENCY_LEASE_SECONDS: '2' }).AJAR_IDEMPOTENCY_LEASE_SECONDS).toBe(2);
    expect(() => validateEnvironment({ AJAR_IDEMPOTENCY_LEASE_SECONDS: '0' })).toThrow(/AJAR_IDEMPOTENCY_LEASE_SECONDS/);
    expect(() => validateEnvironment({ AJAR_IDEMPOTENCY_LEASE_SECONDS: '301' })).toThrow(/AJAR_IDEMPOTENCY_LEASE_SECONDS/);
  });

  it('accepts the AJAR_TEST_EXIT_AFTER_COMMIT hook only under NODE_ENV=test', () => {
    expect(validateEnvironment({ NODE_ENV: 'test', AJAR_TEST_EXIT_AFTER_COMMIT: 'true' }).AJAR_TEST_EXIT_AFTER_COMMIT).toBe('true');
    expect(validateEnvironment({ NODE_ENV: 'test' }).AJAR_TEST_EXIT_AFTER_COMMIT).toBeUndefined();
    expect(() => validateEnvironment({ NODE_ENV: 'production', AJAR_TEST_EXIT_AFTER_COMMIT: 'true' })).toThrow(
      'AJAR_TEST_EXIT_AFTER_COMMIT: a test hook, refused unless NODE_ENV=test',
    );
    expect(() => validateEnvironment({ AJAR_TEST_EXIT_AFTER_COMMIT: 'true' })).toThrow(/AJAR_TEST_EXIT_AFTER_COMMIT/);
    expect(() => validateEnvironment({ NODE_ENV: 'test', AJAR_TEST_EXIT_AFTER_COMMIT: 'yes' })).toThrow(/AJAR_TEST_EXIT_AFTER_COMMIT/);
  });

  it('reads the operations settings: metrics and operator tokens optional (24+ characters, never echoed), the worker HTTP port 9464 by default', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ NODE_ENV: 'development', AJAR_WORKER_HTTP_PORT: 9464 });
    expect(env.AJAR_METRICS_TOKEN).toBeUndefined();
    expect(env.AJAR_OPERATOR_TOKEN).toBeUndefined();
    expect(validateEnvironment({ AJAR_WORKER_HTTP_PORT: '0', NODE_ENV: 'production' })).toMatchObject({ AJAR_WORKER_HTTP_PORT: 0, NODE_ENV: 'production' });
    expect(() => validateEnvironment({ AJAR_WORKER_HTTP_PORT: '70000' })).toThrow(/AJAR_WORKER_HTTP_PORT/);
    const token = 'a-long-enough-token-0123456789';
    expect(validateEnvironment({ AJAR_METRICS_TOKEN: token, AJAR_OPERATOR_TOKEN: token })).toMatchObject({ AJAR_METRICS_TOKEN: token, AJAR_OPERATOR_TOKEN: token });
    let caught: unknown;
    try {
      validateEnvironment({ AJAR_METRICS_TOKEN: 'short-secret', AJAR_OPERATOR_TOKEN: 'short-operator' });
    } catch (error) {
      caught = error;
    }
    const message = (caught as Error).message;
    expect(message).toContain('AJAR_METRICS_TOKEN must be at least 24 characters (got [hidden])');
    expect(message).toContain('AJAR_OPERATOR_TOKEN must be at least 24 characters (got [hidden])');
    expect(message).not.toContain('short-secret');
  });
});
