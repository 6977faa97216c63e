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
