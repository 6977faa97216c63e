import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AjarEnvironment } from './env.schema';

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Variables without a default: not among the keys of a fresh `AjarEnvironment`. */
const OPTIONAL = ['AJAR_BOOTSTRAP_TOKEN', 'AJAR_SMTP_URL', 'AJAR_API_DOCS', 'AJAR_TEST_EXIT_AFTER_COMMIT', 'AJAR_METRICS_TOKEN', 'AJAR_OPERATOR_TOKEN'];

/** Hooks that make a process misbehave on purpose, for tests that inject faults; never elsewhere. */
const TEST_ONLY = ['AJAR_TEST_EXIT_AFTER_COMMIT'];

/** Reads the known variables from `source`, applies defaults, and throws naming every bad one. */
export function validateEnvironment(source: Record<string, unknown>): AjarEnvironment {
  const known = Object.keys(new AjarEnvironment());
  const defined: Record<string, unknown> = {};
  for (const key of [...known, ...OPTIONAL]) {
    const value = source[key];
    if (value !== undefined && value !== '') defined[key] = value;
  }
  const env = plainToInstance(AjarEnvironment, defined);
  const errors = validateSync(env, { whitelist: true });
  const problems = errors.map((error) => describe(error, defined[error.property]));
  for (const hook of TEST_ONLY) {
    if (defined[hook] !== undefined && source.NODE_ENV !== 'test') problems.push(`${hook}: a test hook, refused unless NODE_ENV=test`);
  }
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  // The API's description is public while developing, and not served in production unless asked for.
  env.AJAR_API_DOCS ??= source.NODE_ENV === 'production' ? 'off' : 'public';
  return env;
}

/** One line per variable, with every reason and the raw value given (secrets are not echoed). */
function describe(error: ValidationError, given: unknown): string {
  const reasons = Object.values(error.constraints ?? {}).join('; ');
  // An SMTP URL may carry user:password.
  const shown = /TOKEN|SECRET|PASSWORD|SMTP_URL/.test(error.property) ? '[hidden]' : JSON.stringify(given);
  return `${error.property}: ${reasons} (got ${shown})`;
}
