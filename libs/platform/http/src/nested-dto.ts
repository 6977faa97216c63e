import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

/**
 * A property holding a nested DTO (or, with `each`, an array of them). `ValidateNested` alone lets a
 * missing value, an array in place of the object and arrays inside arrays through; `IsObject` refuses
 * them, and `Type` makes class-transformer build the class.
 */
export function NestedDto(type: () => new () => object, options: { each?: boolean } = {}): PropertyDecorator {
  return applyDecorators(IsObject({ each: options.each }), ValidateNested({ each: options.each }), Type(type));
}
