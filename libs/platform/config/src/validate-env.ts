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
const OPTIONAL = ['AJAR_BOOTSTRAP_TOKEN', 'AJAR_SMTP_URL', 'AJAR_WORKER_HEALTH_PORT'];

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
  if (errors.length > 0) {
    throw new InvalidEnvironmentError(errors.map((error) => describe(error, defined[error.property])));
  }
  return env;
}

/** One line per variable, with every reason and the raw value given (secrets are not echoed). */
function describe(error: ValidationError, given: unknown): string {
  const reasons = Object.values(error.constraints ?? {}).join('; ');
  // An SMTP URL may carry user:password.
  const shown = /TOKEN|SECRET|PASSWORD|SMTP_URL/.test(error.property) ? '[hidden]' : JSON.stringify(given);
  return `${error.property}: ${reasons} (got ${shown})`;
}
