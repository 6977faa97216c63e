/** A value as `JSON.parse` gives it back. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * What `JSON.parse(JSON.stringify(value))` returns, built in one walk without the text in between:
 * plain objects and arrays only (class instances become plain objects of their own enumerable
 * keys), `toJSON` honoured (a Date becomes its ISO string), undefined, functions and symbols left
 * out of objects and null in arrays, non-finite numbers null, -0 as 0, boxed primitives unwrapped.
 * It throws where that round trip throws: on a cycle or a BigInt (TypeError), and when the value
 * itself has no JSON form (SyntaxError, as `JSON.parse(undefined)`).
 *
 * The steps follow ECMA-262 SerializeJSONProperty, SerializeJSONObject and SerializeJSONArray;
 * `plain-json-copy.spec.ts` compares it with the round trip on generated values.
 */
export function plainJsonCopy(value: unknown): JsonValue {
  const copy = copyProperty('', value, []);
  if (copy === undefined) throw new SyntaxError(`${String(copy)} has no JSON form`);
  return copy;
}

/** SerializeJSONProperty: `toJSON` is called on the value as its holder's property, once. */
function copyProperty(key: string | number, value: unknown, ancestors: object[]): JsonValue | undefined {
  // Strings, numbers and booleans first: nearly every leaf of a request is one.
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return copyNumber(value);
  if (value === null) return null;
  if (typeof value === 'object' || typeof value === 'function' || typeof value === 'bigint') {
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    // An array index is passed as a number and made a string only here, where it is needed.
    if (typeof toJSON === 'function') return copyResolved(toJSON.call(value, String(key)), ancestors);
  }
  return copyResolved(value, ancestors);
}

/** The rest of SerializeJSONProperty, on the value `toJSON` gave (or the value itself). */
function copyResolved(value: unknown, ancestors: object[]): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return copyNumber(value);
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      if (value === null) return null;
      if (Array.isArray(value)) return copyArray(value, ancestors);
      // Boxed primitives are written as the primitive (ToNumber / ToString as JSON.stringify does).
      if (value instanceof Number) return copyNumber(Number(value));
      if (value instanceof String) return String(value);
      if (value instanceof Boolean) return value.valueOf();
      if (value instanceof BigInt) throw new TypeError('Do not know how to serialize a BigInt');
      return copyObject(value, ancestors);
    default:
      // undefined, functions and symbols have no JSON form.
      return undefined;
  }
}

function copyNumber(value: number): number | null {
  // "-0" is written as "0", and NaN and the infinities as null.
  if (value === 0) return 0;
  return Number.isFinite(value) ? value : null;
}

function enter(value: object, ancestors: object[]): void {
  if (ancestors.includes(value)) throw new TypeError('Converting circular structure to JSON');
  ancestors.push(value);
}

function copyArray(array: readonly unknown[], ancestors: object[]): JsonValue[] {
  enter(array, ancestors);
  const copy: JsonValue[] = [];
  // By index up to length, as JSON.stringify reads arrays: holes are read as undefined, then null.
  for (let index = 0; index < array.length; index += 1) copy.push(copyProperty(index, array[index], ancestors) ?? null);
  ancestors.pop();
  return copy;
}

function copyObject(object: object, ancestors: object[]): JsonObject {
  enter(object, ancestors);
  const source = object as Record<string, unknown>;
  const copy: JsonObject = {};
  // for-in with an own-property test: Object.keys' keys in its order, without the array.
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
    const item = copyProperty(key, source[key], ancestors);
    if (item === undefined) continue;
    // JSON.parse makes "__proto__" an own property; an assignment would set the copy's prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, writable: true, enumerable: true, configurable: true });
    else copy[key] = item;
  }
  ancestors.pop();
  return copy;
}
