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
});
