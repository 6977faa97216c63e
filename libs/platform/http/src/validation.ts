import { ValidationPipe } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { FieldProblem, ProblemException } from './problem';

/**
 * Person attributes Ajar refuses by design: it assesses organisations and affiliations, never a
 * person's nationality or origin (RULES.md F-001, DESIGN §3).
 */
export const COUNTRY_AGNOSTIC_REFUSED_FIELDS = new Set([
  'nationality',
  'nationalities',
  'citizenship',
  'citizenships',
  'ethnicity',
  'placeOfBirth',
  'countryOfBirth',
]);

const COUNTRY_AGNOSTIC_REASON =
  'Ajar is country-agnostic: it assesses organisations and affiliations, never a person\'s nationality, ' +
  'citizenship, ethnicity or place of birth. Remove this field; record the organisations the person is ' +
  'affiliated with instead.';

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** Flattens class-validator's tree into field paths such as `personnel[2].disclosure.certifiedAt`. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const path = joinPath(parent, error.property);
    const constraints = error.constraints ?? {};
    if (COUNTRY_AGNOSTIC_REFUSED_FIELDS.has(error.property)) {
      problems.push({ field: path, reason: COUNTRY_AGNOSTIC_REASON });
    } else {
      for (const [name, message] of Object.entries(constraints)) {
        problems.push({
          field: path,
          reason: name === 'whitelistValidation' ? 'is not a known field of this request' : message,
        });
      }
    }
    if (error.children?.length) problems.push(...fieldProblems(error.children, path));
  }
  return problems;
}

export function validationException(errors: ValidationError[]): ProblemException {
  const problems = fieldProblems(errors);
  const refusedByDesign = problems.some((problem) => problem.reason === COUNTRY_AGNOSTIC_REASON);
  return new ProblemException(
    refusedByDesign ? 422 : 400,
    refusedByDesign ? 'REQUEST.PERSONAL_ORIGIN_REFUSED' : 'REQUEST.VALIDATION_FAILED',
    refusedByDesign ? 'Nationality and origin of persons are not accepted' : 'The request is not valid',
    problems.length === 1
      ? `${problems[0].field}: ${problems[0].reason}`
      : `${problems.length} fields are not valid; see errors.`,
    problems,
  );
}

/**
 * Nest's ValidationPipe (class-transformer, then class-validator) for every request; its errors
 * become problem+json (`validationException`). Shared by the app and the tests so they validate alike.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: validationException,
  });
}
