import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AjarEnvironment } from './env.schema';

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Reads the known variables from `source`, applies defaults, and throws naming every bad one. */
export function validateEnvironment(source: Record<string, unknown>): AjarEnvironment {
  const known = Object.keys(new AjarEnvironment());
  const defined: Record<string, unknown> = {};
  for (const key of [...known, 'AJAR_BOOTSTRAP_TOKEN']) {
    const value = source[key];
    if (value !== undefined && value !== '') defined[key] = value;
  }
  const env = plainToInstance(AjarEnvironment, defined);
  const errors = validateSync(env, { whitelist: true });
  if (errors.length > 0) {
    throw new InvalidEnvironmentError(errors.flatMap(describe));
  }
  return env;
}

function describe(error: ValidationError): string[] {
  const reasons = Object.values(error.constraints ?? {});
  return reasons.map((reason) => `${error.property}: ${reason} (got ${JSON.stringify(error.value)})`);
}
