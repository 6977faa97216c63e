import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { plainJsonCopy } from './plain-json-copy';

// plainJsonCopy stands in for JSON.parse(JSON.stringify(x)): it must give exactly what that round
// trip gives. isDeepStrictEqual tells undefined properties, prototypes, -0 and holes apart (Jest's
// toStrictEqual would also compare own "constructor" keys by identity, which two copies never share).

function roundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value) as string) as unknown;
}

/** The round trip's answer, or the class of what it threw. */
function outcome(run: () => unknown): { value: unknown } | { threw: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { threw: (error as Error).constructor.name };
  }
}

function expectSameAsRoundTrip(value: unknown): void {
  const expected = outcome(() => roundTrip(value));
  const actual = outcome(() => plainJsonCopy(value));
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toStrictEqual(expected); // for the diff
  expect(isDeepStrictEqual(actual, expected)).toBe(true);
  // Own keys in the same order, at every level (toStrictEqual ignores the order).
  if ('value' in expected && 'value' in actual) expect(JSON.stringify(actual.value)).toBe(JSON.stringify(expected.value));
}

class Organisation {
  name = 'Acme';
  country?: string;
  identifiers?: { ror?: string };
  describe(): string {
    return this.name;
  }
}

class Money {
  constructor(
    readonly amount: number,
    readonly currency: string,
  ) {}
  toJSON(key: string): string {
    return `${key}:${this.amount} ${this.currency}`;
  }
}

class Affiliation {
  constructor(
    readonly organisation: Organisation,
    readonly from: Date,
    readonly to: Date | null,
    readonly paid?: boolean,
  ) {}
}

describe('plainJsonCopy', () => {
  it.each<[string, unknown]>([
    ['an empty object', {}],
    ['an empty array', []],
    ['strings, numbers, booleans and null', { a: 'x', b: 1.5, c: -3, d: true, e: false, f: null, g: '' }],
    ['nested objects and arrays', { a: [1, [2, [3, { b: [] }]]], c: { d: { e: 'f' } } }],
    ['undefined, functions and symbols in an object: left out', { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }],
    ['undefined, functions and symbols in an array: null', [undefined, () => 1, Symbol('s'), 1]],
    ['holes in an array: null', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['NaN and the infinities: null', { a: NaN, b: Infinity, c: -Infinity, d: [NaN, -Infinity] }],
    ['-0: 0', { a: -0, b: [-0] }],
    ['very large and very small numbers', { a: 1e21, b: 5e-324, c: Number.MAX_SAFE_INTEGER + 2, d: 0.1 + 0.2, e: -1.7976931348623157e308 }],
    ['a Date: its ISO string', { certifiedAt: new Date('2026-11-01T09:00:00Z'), list: [new Date(0)] }],
    ['an invalid Date: null', { at: new Date(Number.NaN) }],
    ['a class instance: its own enumerable fields, no methods', { organisation: Object.assign(new Organisation(), { country: 'NL', identifiers: undefined }) }],
    ['nested class instances with Dates and undefined', [new Affiliation(Object.assign(new Organisation(), { country: 'DE' }), new Date(86_400_000), null, undefined)]],
    ['toJSON called with the key (array indexes as strings)', { price: new Money(3, 'EUR'), list: [new Money(1, 'USD'), new Money(2, 'GBP')] }],
    ['toJSON at the top: called with ""', new Money(5, 'CHF')],
    ['toJSON giving undefined: left out', { a: { toJSON: () => undefined }, b: [{ toJSON: () => undefined }] }],
    ['toJSON giving an object whose own toJSON is not called', { a: { toJSON: () => ({ toJSON: () => 'inner', x: 1 }) } }],
    ['a toJSON that is not a function: kept as data', { toJSON: 'not a function', a: 1 }],
    ['boxed primitives: unwrapped', { n: new Number(-0), s: new String('boxed'), b: new Boolean(false), list: [new Number(NaN)] }],
    ['a Map, a Set and a RegExp: empty objects', { m: new Map([[1, 2]]), s: new Set([1]), r: /x/g }],
    ['a null-prototype object: a plain object', Object.assign(Object.create(null) as object, { a: 1, b: { c: undefined } })],
    ['an own "__proto__" key: kept as an own property', JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')],
    ['integer-like keys: in the order JSON gives them', { b: 1, 2: 'two', a: 2, 1: 'one', '-1': 'minus' }],
    ['non-enumerable and symbol keys: left out', Object.defineProperties({ a: 1, [Symbol('s')]: 2 }, { hidden: { value: 3, enumerable: false } })],
    ['inherited enumerable keys: left out', Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 })],
    ['an array with extra keys: only the indexes', Object.assign([1, 2], { extra: 'dropped' })],
    ['a getter: its value', Object.defineProperty({}, 'computed', { get: () => ({ at: new Date(0) }), enumerable: true })],
    ['strings with escapes, lone surrogates and NUL', { a: '"quoted"\n\t\\', b: '\ud800', c: '\u0000', d: '\u2028😀' }],
    ['top-level primitives', 'text'],
    ['top-level null', null],
    ['top-level -0', -0],
  ])('%s', (_name, value) => expectSameAsRoundTrip(value));

  it.each<[string, unknown]>([
    ['undefined at the top', undefined],
    ['a function at the top', () => 1],
    ['a symbol at the top', Symbol('s')],
    ['a toJSON giving undefined at the top', { toJSON: () => undefined }],
    ['a BigInt', { a: 1n }],
    ['a boxed BigInt', { a: Object(1n) as object }],
  ])('throws as the round trip does on %s', (_name, value) => expectSameAsRoundTrip(value));

  it('throws a TypeError on a cycle, as JSON.stringify does, and not on a shared object', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expectSameAsRoundTrip(cyclic);
    const array: unknown[] = [];
    array.push([array]);
    expectSameAsRoundTrip(array);
    const shared = { x: 1 };
    expectSameAsRoundTrip({ a: shared, b: [shared, shared] });
  });

  it('makes a copy: nothing of the source is shared', () => {
    const source = { a: { b: [{ c: 1 }] } };
    const copy = plainJsonCopy(source) as typeof source;
    expect(copy.a).not.toBe(source.a);
    expect(copy.a.b).not.toBe(source.a.b);
    expect(copy.a.b[0]).not.toBe(source.a.b[0]);
  });

  it('does not set the prototype through a "__proto__" key', () => {
    const copy = plainJsonCopy(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe('on generated values (fast-check)', () => {
    const runs = { numRuns: 500 };

    it('equals the round trip of any JSON value', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => expectSameAsRoundTrip(value)),
        runs,
      );
    });

    // Values JSON has no form for, or a different one: undefined, -0, NaN, Dates, class instances, boxed primitives.
    const leaf = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constantFrom(-0, NaN, Infinity, -Infinity),
      fc.date({ noInvalidDate: false }),
      fc.func(fc.integer()),
      fc.string().map((text) => new String(text)),
    );
    const { value } = fc.letrec<{ value: unknown; instance: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('value'), { maxLength: 5 }),
        fc.sparseArray(tie('value'), { maxLength: 5 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }),
        fc.dictionary(fc.constantFrom('__proto__', 'toString', 'constructor', '0', '10', 'toJSON'), tie('value'), { maxKeys: 3 }),
        tie('instance'),
      ),
      instance: fc
        .record({ organisation: tie('value'), from: fc.date({ noInvalidDate: false }), paid: fc.option(fc.boolean(), { nil: undefined }), extra: tie('value') }, { requiredKeys: ['from'] })
        .map(({ organisation, from, paid, extra }) => {
          const instance = new Affiliation(Object.assign(new Organisation(), { identifiers: extra }), from, null, paid);
          return Object.assign(instance, { nested: organisation });
        }),
    }));

    it('equals the round trip of values with undefined, Dates, class instances and other non-JSON leaves', () => {
      fc.assert(
        fc.property(value, (generated) => expectSameAsRoundTrip(generated)),
        runs,
      );
    });

    it('equals the round trip of objects with undefined, nested class instances and Dates', () => {
      fc.assert(
        fc.property(fc.dictionary(fc.string(), value, { maxKeys: 8 }), (generated) => expectSameAsRoundTrip(generated)),
        runs,
      );
    });
  });
});
