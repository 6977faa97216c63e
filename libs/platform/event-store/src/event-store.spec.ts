import { isDeepStrictEqual } from 'node:util';
import { storedEventsOf, type AppendToStream, type PendingEvent } from './event-store';

// The store hands back the payloads as PostgreSQL will give them back: parsed from the text it
// stores, so the payload returned must equal JSON.parse of the text sent.
// (test/integration/platform/event-store-payloads.int-spec.ts compares with the stored rows.)

const context = { actor: { kind: 'system', id: 'test' } as never, correlationId: 'correlation-1' };
const occurredAt = new Date('2026-12-01T00:00:00Z');
const request = (events: PendingEvent[], expectedVersion = 0): AppendToStream => ({ tenantId: 't', streamType: 'test', streamId: 's', expectedVersion, events });

function appendAll(payloads: Record<string, unknown>[]): { returned: Record<string, unknown>[]; sent: unknown[] } {
  const prepared = storedEventsOf(request(payloads.map((payload) => ({ type: 'Tested', payload }))), context, occurredAt);
  // The payloads go as one JSON array text.
  const sent = JSON.parse(prepared.payloadsJson) as unknown[];
  return { returned: prepared.stored.map((event) => event.payload), sent };
}

function expectRoundTrip(payload: Record<string, unknown>): void {
  const { returned, sent } = appendAll([payload]);
  const roundTrip: unknown = JSON.parse(JSON.stringify(payload));
  if (!isDeepStrictEqual(returned[0], roundTrip)) expect(returned[0]).toStrictEqual(roundTrip); // for the diff
  expect(isDeepStrictEqual(returned[0], roundTrip)).toBe(true);
  expect(isDeepStrictEqual(returned[0], sent[0])).toBe(true);
}

class Measure {
  constructor(
    readonly id: string,
    readonly dueAt: Date,
  ) {}
}

describe('storedEventsOf: the events an append hands back', () => {
  const payloads: [string, Record<string, unknown>][] = [
    ['scalars and null', { caseVersion: 1, reason: 'x', final: true, previousReviewerKeyId: null, ratio: 0.25 }],
    ['nested objects and arrays', { content: { partners: [{ name: 'Acme', identifiers: { lei: 'L' } }], personnel: [] }, personRefs: ['p1', 'p2'] }],
    ['an own "__proto__" key, as JSON.parse makes one', JSON.parse('{"__proto__": {"a": 1}, "b": [1]}') as Record<string, unknown>],
    ['an undefined value', { caseVersion: 1, owner: undefined }],
    ['an undefined value deep down', { measures: [{ measureId: 'm1', legalBasis: undefined }] }],
    ['undefined in an array', { list: ['a', undefined] }],
    ['a hole in an array', { list: [1, , 3] }], // eslint-disable-line no-sparse-arrays
    ['a Date', { dueAt: new Date('2026-11-01T09:00:00Z') }],
    ['a class instance', { measure: new Measure('m1', new Date(0)) }],
    ['-0, NaN and the infinities', { a: -0, b: NaN, c: [Infinity, -Infinity] }],
    ['a function and a symbol', { f: () => 1, s: Symbol('s'), list: [() => 1] }],
    ['a toJSON method', { money: { amount: 1, toJSON: () => '1 EUR' } }],
    ['a payload that is an instance', new Measure('m2', new Date(1)) as unknown as Record<string, unknown>],
  ];

  it.each(payloads)('hands back a copy parsed from the text it stores: %s', (_name, payload) => {
    const { returned } = appendAll([payload]);
    expect(returned[0]).not.toBe(payload);
    expectRoundTrip(payload);
  });

  it('keeps the events in order and the metadata shared', () => {
    const { stored, metadataJson } = storedEventsOf(
      { ...request([{ type: 'A', payload: { caseVersion: 1 } }, { type: 'B', payload: { caseVersion: 1, note: undefined } }], 4), annotations: { caseState: 'screening' } },
      context,
      occurredAt,
    );
    expect(stored.map((event) => [event.type, event.streamVersion])).toEqual([['A', 5], ['B', 6]]);
    expect(stored[1].payload).toStrictEqual({ caseVersion: 1 });
    expect(stored[0].metadata).toBe(stored[1].metadata);
    expect(stored[0].metadata).toStrictEqual({ actor: { kind: 'system', id: 'test' }, correlationId: 'correlation-1', caseState: 'screening' });
    expect(JSON.parse(metadataJson)).toStrictEqual(stored[0].metadata);
    expect(stored.every((event) => event.occurredAt === occurredAt)).toBe(true);
    expect(new Set(stored.map((event) => event.id)).size).toBe(2);
  });

  it('throws on a cyclic payload', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => storedEventsOf(request([{ type: 'A', payload: cyclic }]), context, occurredAt)).toThrow(TypeError);
  });
});
