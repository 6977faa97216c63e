import { ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from './problem';

/** A path id that must be a UUID; refused with a field-level problem naming the parameter. */
export function parseId(parameter = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new ProblemException(400, 'REQUEST.INVALID_ID', 'Invalid id', `${parameter} must be a UUID.`, [
        { field: parameter, reason: 'must be a UUID' },
      ]),
  });
}
