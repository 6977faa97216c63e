import { TransformationType } from 'class-transformer';
// class-transformer exports its metadata storage from cjs/ only (typed in class-transformer-storage.d.ts).
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, MetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';

type Constraint = ReturnType<MetadataStorage['getTargetValidatorConstraints']>[number];
/** A constraint's validator: class-validator resolves `constraint.instance` from its container on every read. */
type ConstraintValidator = Constraint['instance'];
type Metadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
/** A DTO class, as class-validator types it. */
type DtoClass = Parameters<MetadataStorage['getTargetValidationMetadatas']>[0];

interface PropertyCheck {
  readonly metadata: Metadata;
  /**
   * The constraints' validators, resolved once: the `instance` getter looks the class up in
   * class-validator's container at each read (3 % of the API's CPU at intake).
   */
  readonly validators: readonly ConstraintValidator[];
  /**
   * Made once and given the object and value before each call: the constraints run synchronously
   * and a failed check hands the body to class-validator, so nothing keeps it.
   */
  readonly args: ValidationArguments;
}

interface PropertyPlan {
  readonly name: string;
  /** `IsOptional`, `ValidateIf`: when one says no, nothing else is checked for the property. */
  readonly conditions: readonly Metadata[];
  readonly checks: readonly PropertyCheck[];
  readonly nested: boolean;
  /** The class of `@Type(() => …)`: what class-transformer makes of an object in this property. */
  readonly type?: DtoClass;
}

interface ClassPlan {
  readonly target: DtoClass;
  readonly allowed: ReadonlySet<string>;
  readonly properties: readonly PropertyPlan[];
  readonly byName: ReadonlyMap<string, PropertyPlan>;
  /** False when class-transformer would do more than copy (exposed or excluded fields, @Transform, accessors). */
  readonly copiedAsIs: boolean;
}

const NOT_PLANNED = Symbol('not planned');

const PLANNED_TYPES = new Set<string>([
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.WHITELIST,
]);

/**
 * A quick "yes" for valid request bodies, read from the class-validator metadata of the DTO classes.
 *
 * class-validator's executor re-reads and re-groups the metadata of every nested object it meets and
 * builds an error tree even when nothing fails; on the 6 kB case submission that was 30 % of the API's
 * busy main thread (intake bench profile). A plan is built once per class from the same metadata and runs the same constraint
 * functions (class-validator's own, e.g. `length`, `isIn`), with the same rules for `IsOptional`,
 * `ValidateIf`, `each`, nested objects and the whitelist (as `whitelist` with `forbidNonWhitelisted`
 * and `forbidUnknownValues` apply them).
 *
 * `instanceIfValid` also builds the DTO instance itself, as class-transformer's `plainToInstance` does
 * with `enableImplicitConversion: false` for classes that only copy values (no `@Expose`, `@Exclude`,
 * `@Transform` or accessors): `new Class()`, then each key of the JSON object in order, nested objects
 * as their `@Type` class, arrays copied.
 *
 * It only ever answers "valid" or "not sure": whenever it is not sure (a failed constraint, a shape
 * class-validator treats in a way of its own, a class or decorator kind it does not plan), the caller
 * runs class-validator, which decides and words the errors. So it may be stricter than
 * class-validator, never laxer; `case-submission-validation.spec.ts` (libs/cases) checks that on ~1,700
 * bodies.
 */
export class ValidationPlans {
  private readonly plans = new Map<DtoClass, ClassPlan | null>();
  private readonly storage = getMetadataStorage();

  /**
   * The DTO instance class-transformer would make of `json` (a parsed JSON object), if
   * class-validator would find no error in it; undefined when not sure.
   */
  instanceIfValid(target: DtoClass, json: object): object | undefined {
    const plan = this.planFor(target);
    if (plan === null || !plan.copiedAsIs) return undefined;
    const instance = this.instantiate(plan, json as Record<string, unknown>);
    return instance !== undefined && this.objectPasses(instance, plan) ? instance : undefined;
  }

  private planFor(target: DtoClass): ClassPlan | null {
    let plan = this.plans.get(target);
    if (plan === undefined) {
      plan = this.build(target);
      this.plans.set(target, plan);
    }
    return plan;
  }

  /** null: this class is left to class-validator. */
  private build(target: DtoClass): ClassPlan | null {
    if (target === Object || typeof target !== 'function') return null;
    // No groups and `always: false`, as the pipe validates.
    const metadatas = this.storage.getTargetValidationMetadatas(target, undefined as unknown as string, false, false, undefined);
    // forbidUnknownValues: a class without rules is an error for class-validator.
    if (metadatas.length === 0) return null;
    const byProperty = new Map<string, Metadata[]>();
    for (const metadata of metadatas) {
      if (typeof metadata.target === 'string' || !PLANNED_TYPES.has(metadata.type)) return null;
      const group = byProperty.get(metadata.propertyName) ?? [];
      group.push(metadata);
      byProperty.set(metadata.propertyName, group);
    }
    const properties: PropertyPlan[] = [];
    for (const [name, group] of byProperty) {
      const checks: PropertyCheck[] = [];
      for (const metadata of group) {
        if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION && metadata.type !== ValidationTypes.IS_DEFINED) continue;
        const constraints = this.storage.getTargetValidatorConstraints(metadata.constraintCls);
        // An asynchronous constraint cannot answer here; let class-validator await it.
        if (constraints.length === 0 || constraints.some((constraint) => constraint.async)) return null;
        checks.push({ metadata, validators: constraints.map((constraint) => constraint.instance), args: { targetName: target.name, property: metadata.propertyName, object: {}, value: undefined, constraints: metadata.constraints } });
      }
      const typeMetadata = defaultMetadataStorage.findTypeMetadata(target, name);
      properties.push({
        name,
        conditions: group.filter((metadata) => metadata.type === ValidationTypes.CONDITIONAL_VALIDATION),
        checks,
        nested: group.some((metadata) => metadata.type === ValidationTypes.NESTED_VALIDATION),
        // A type function that reads its options picks the class per object: not planned (isCopiedAsIs).
        type: typeMetadata && typeMetadata.typeFunction.length === 0 ? (typeMetadata.typeFunction() as DtoClass) : undefined,
      });
    }
    return {
      target,
      allowed: new Set(byProperty.keys()),
      properties,
      byName: new Map(properties.map((property) => [property.name, property])),
      copiedAsIs: this.isCopiedAsIs(target, [...byProperty.keys()]),
    };
  }

  private isCopiedAsIs(target: DtoClass, names: readonly string[]): boolean {
    if (defaultMetadataStorage.getExposedMetadatas(target).length > 0 || defaultMetadataStorage.getExcludedMetadatas(target).length > 0) return false;
    if (names.some((name) => defaultMetadataStorage.findTransformMetadatas(target, name, TransformationType.PLAIN_TO_CLASS).length > 0)) return false;
    for (const name of names) {
      const type = defaultMetadataStorage.findTypeMetadata(target, name);
      if (type && (type.options?.discriminator || type.typeFunction.length > 0)) return false;
    }
    // Accessors and methods change what an assignment does; class-transformer skips some of them.
    for (let prototype = target.prototype as object | null; prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype) as object | null) {
      if (Object.getOwnPropertyNames(prototype).some((name) => name !== 'constructor')) return false;
    }
    return true;
  }

  /** `new Class()` and the JSON object's keys in order; undefined for a key or a shape not planned. */
  private instantiate(plan: ClassPlan, json: Record<string, unknown>): Record<string, unknown> | undefined {
    const instance = new (plan.target as new () => Record<string, unknown>)();
    // for-in with an own-property test visits what Object.keys lists, in its order, without
    // allocating the array (validation was a quarter of the API's allocations).
    for (const key in json) {
      if (!Object.prototype.hasOwnProperty.call(json, key)) continue;
      const property = plan.byName.get(key);
      if (property === undefined) return undefined;
      const value = this.instantiateValue(property.type, json[key]);
      if (value === NOT_PLANNED) return undefined;
      instance[key] = value;
    }
    return instance;
  }

  private instantiateValue(type: DtoClass | undefined, value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      for (const item of value) {
        const made = this.instantiateValue(type, item);
        if (made === NOT_PLANNED) return NOT_PLANNED;
        copy.push(made);
      }
      return copy;
    }
    if (type === undefined) return NOT_PLANNED;
    const plan = this.planFor(type);
    if (plan === null || !plan.copiedAsIs) return NOT_PLANNED;
    return this.instantiate(plan, value as Record<string, unknown>) ?? NOT_PLANNED;
  }

  private objectPasses(object: Record<string, unknown>, plan: ClassPlan): boolean {
    for (const key in object) if (Object.prototype.hasOwnProperty.call(object, key) && !plan.allowed.has(key)) return false;
    for (const property of plan.properties) {
      const value = object[property.name];
      if (!conditionsHold(property.conditions, object, value)) continue;
      for (const check of property.checks) if (!this.checkPasses(object, value, check)) return false;
      if (property.nested && value !== undefined && !this.nestedPasses(value)) return false;
    }
    return true;
  }

  private checkPasses(object: object, value: unknown, { metadata, validators, args }: PropertyCheck): boolean {
    if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
    args.object = object;
    args.value = value;
    for (const validator of validators) {
      if (metadata.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) {
        if (!Array.isArray(value)) return false;
        for (const item of value) if (validator.validate(item, args) !== true) return false;
      } else if (validator.validate(value, args) !== true) {
        return false;
      }
    }
    return true;
  }

  /**
   * class-validator walks arrays inside arrays and lets `undefined` items through; neither is a
   * shape a valid body needs, so both are "not sure" here.
   */
  private nestedPasses(value: unknown): boolean {
    if (Array.isArray(value)) {
      for (const item of value) if (!this.nestedObjectPasses(item)) return false;
      return true;
    }
    return this.nestedObjectPasses(value);
  }

  private nestedObjectPasses(value: unknown): boolean {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const plan = this.planFor(value.constructor);
    return plan !== null && this.objectPasses(value as Record<string, unknown>, plan);
  }
}

/** `IsOptional`, `ValidateIf`: false when one of them says the property is not to be checked. */
function conditionsHold(conditions: readonly Metadata[], object: object, value: unknown): boolean {
  for (const condition of conditions) if (!(condition.constraints[0] as (object: object, value: unknown) => boolean)(object, value)) return false;
  return true;
}
