import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ValidationPlans } from './validation-plan';

class Leaf {
  @IsString() @Length(1, 5) code!: string;
}

class Root {
  @IsIn(['a', 'b']) kind!: string;
  @IsOptional() @IsString() note?: string | null;
  @ValidateIf((object: Root) => object.kind === 'b') @IsString() onlyForB?: string;
  @IsOptional() @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => Leaf) leaves?: Leaf[];
  @IsOptional() @IsString({ each: true }) tags?: string[];
}

@ValidatorConstraint({ async: true })
class Remote implements ValidatorConstraintInterface {
  validate(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

class Awaited {
  @Validate(Remote) value!: string;
}

class WithoutRules {
  value?: string;
}

const accepts = (type: new () => object, body: object): boolean => new ValidationPlans().instanceIfValid(type, body) !== undefined;

describe('validation plans', () => {
  it('says valid for a body that meets every rule, nested objects included', () => {
    expect(accepts(Root, { kind: 'a', note: null, leaves: [{ code: 'x1' }], tags: ['t'] })).toBe(true);
  });

  it('follows IsOptional and ValidateIf as class-validator does', () => {
    expect(accepts(Root, { kind: 'a' })).toBe(true);
    expect(accepts(Root, { kind: 'b' })).toBe(false);
    expect(accepts(Root, { kind: 'b', onlyForB: 'yes' })).toBe(true);
  });

  it('is not sure of a failed rule, an unknown field, a failed item or a failed nested object', () => {
    expect(accepts(Root, { kind: 'c' })).toBe(false);
    expect(accepts(Root, { kind: 'a', colour: 'red' })).toBe(false);
    expect(accepts(Root, { kind: 'a', tags: ['t', 3] })).toBe(false);
    expect(accepts(Root, { kind: 'a', leaves: [{ code: 'too long' }] })).toBe(false);
    expect(accepts(Root, { kind: 'a', leaves: [{ code: 'x', extra: 1 }] })).toBe(false);
  });

  it('leaves to class-validator what it does not plan: arrays in arrays, asynchronous rules, classes without rules', () => {
    expect(accepts(Root, { kind: 'a', leaves: [[{ code: 'x' }]] })).toBe(false);
    expect(accepts(Awaited, { value: 'x' })).toBe(false);
    expect(accepts(WithoutRules, { value: 'x' })).toBe(false);
    expect(accepts(Object, { kind: 'a' })).toBe(false);
  });
});
