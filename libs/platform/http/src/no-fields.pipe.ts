import { Injectable, PipeTransform } from '@nestjs/common';
import { ProblemException } from './problem';

/**
 * For actions that take no input (approve, disable, enable): a body with any field is refused,
 * naming each field, as the validation pipe does for unknown fields elsewhere — rather than
 * ignored. No body, or `{}`, passes.
 */
@Injectable()
export class NoFieldsPipe implements PipeTransform {
  transform(value: unknown): Record<string, never> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ProblemException(400, 'REQUEST.VALIDATION_FAILED', 'The request is not valid', 'body: must be empty or {}', [{ field: 'body', reason: 'must be empty or {}' }]);
    }
    const fields = Object.keys(value);
    if (fields.length > 0) {
      const errors = fields.map((field) => ({ field, reason: 'is not a known field of this request' }));
      throw new ProblemException(400, 'REQUEST.VALIDATION_FAILED', 'The request is not valid', errors.length === 1 ? `${fields[0]}: is not a known field of this request` : `${errors.length} fields are not valid; see errors.`, errors);
    }
    return {};
  }
}
