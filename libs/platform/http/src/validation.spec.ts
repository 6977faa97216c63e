import { ValidationError } from 'class-validator';
import { fieldProblems, validationException } from './validation';

function error(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('validation problems', () => {
  it('names nested fields with array indexes', () => {
    const tree = [
      error('partners', undefined, [error('0', undefined, [error('name', { isNotEmpty: 'name should not be empty' })])]),
    ];
    expect(fieldProblems(tree)).toEqual([{ field: 'partners[0].name', reason: 'name should not be empty' }]);
  });

  it('says an unknown field is unknown', () => {
    expect(fieldProblems([error('colour', { whitelistValidation: 'property colour should not exist' })])).toEqual([
      { field: 'colour', reason: 'is not a known field of this request' },
    ]);
  });

  it('refuses a person nationality with the country-agnostic explanation and 422', () => {
    const tree = [
      error('personnel', undefined, [
        error('1', undefined, [error('nationality', { whitelistValidation: 'property nationality should not exist' })]),
      ]),
    ];
    const problem = validationException(tree);
    expect(problem.status).toBe(422);
    expect(problem.code).toBe('REQUEST.PERSONAL_ORIGIN_REFUSED');
    expect(problem.errors?.[0].field).toBe('personnel[1].nationality');
    expect(problem.errors?.[0].reason).toContain('country-agnostic');
  });
});
