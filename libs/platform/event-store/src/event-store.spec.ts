import { isDeepStrictEqual } from 'node:util';
import type { DataSource } from 'typeorm';
import { WriteBatch } from '@ajar/database';
import type { PendingEvent } from './event-store';
import { EventStore } from './event-store.repository';

// appendTo hands back the payloads as PostgreSQL will give them back: parsed from the text it
// stores, so the payload returned must equal JSON.parse of the text sent.
// (test/integration/platform/event-store-payloads.int-spec.ts compares with the stored rows.)

const store = new EventStore(undefined as unknown as DataSource); // appendTo only builds statements
const context = { actor: { kind: 'system', id: 'test' } as never, correlationId: 'correlation-1' };

function appendAll(payloads: Record<string, unknown>[]): { returned: Record<string, unknown>[]; sent: unknown[] } {
  const batch = new WriteBatch();
  const events: PendingEvent[] = payloads.map((payload) => ({ type: 'Tested', payload }));
  const stored = store.appendTo(batch, { tenantId: 't', streamType: 'test', streamId: 's', expectedVersion: 0, events }, context);
  // The payloads go as one JSON array text, the seventh parameter of the batch.
  const sent = JSON.parse(batch.toQuery().parameters[6] as string) as unknown[];
  return { returned: stored.map((event) => event.payload), sent };
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

describe('EventStore.appendTo: the payloads it hands back', () => {
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
    const batch = new WriteBatch();
    const stored = store.appendTo(
      batch,
      { tenantId: 't', streamType: 'test', streamId: 's', expectedVersion: 4, events: [{ type: 'A', payload: { caseVersion: 1 } }, { type: 'B', payload: { caseVersion: 1, note: undefined } }], annotations: { caseState: 'screening' } },
      context,
    );
    expect(stored.map((event) => [event.type, event.streamVersion])).toEqual([['A', 5], ['B', 6]]);
    expect(stored[1].payload).toStrictEqual({ caseVersion: 1 });
    expect(stored[0].metadata).toBe(stored[1].metadata);
    expect(stored[0].metadata).toStrictEqual({ actor: { kind: 'system', id: 'test' }, correlationId: 'correlation-1', caseState: 'screening' });
  });

  it('throws on a cyclic payload, before anything is added', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const batch = new WriteBatch();
    expect(() => store.appendTo(batch, { tenantId: 't', streamType: 'test', streamId: 's', expectedVersion: 0, events: [{ type: 'A', payload: cyclic }] }, context)).toThrow(TypeError);
    expect(batch.isEmpty).toBe(true);
  });
});
