import { chainHash, ChainedEventFields, GENESIS_HASH } from './hash-chain';

const event: ChainedEventFields = {
  id: '0190c1d2-0000-7000-8000-000000000001',
  tenantId: '0190c1d2-0000-7000-8000-0000000000aa',
  tenantSequence: '1',
  streamType: 'case',
  streamId: '0190c1d2-0000-7000-8000-0000000000bb',
  streamVersion: 1,
  type: 'CaseSubmitted',
  payload: { b: 1, a: { y: [1, 2], x: 'z' } },
  metadata: { correlationId: 'c-1' },
  occurredAt: '2026-11-21T10:00:00.000Z',
  previousHash: GENESIS_HASH,
};

describe('chainHash', () => {
  it('does not depend on key order (canonical JSON)', () => {
    const reordered = { ...event, payload: { a: { x: 'z', y: [1, 2] }, b: 1 } };
    expect(chainHash(reordered)).toBe(chainHash(event));
  });

  it('changes when the payload changes', () => {
    expect(chainHash({ ...event, payload: { ...event.payload, b: 2 } })).not.toBe(chainHash(event));
  });

  it('changes when the previous link changes', () => {
    expect(chainHash({ ...event, previousHash: 'f'.repeat(64) })).not.toBe(chainHash(event));
  });

  it('ignores fields outside the event, such as a stored hash', () => {
    expect(chainHash({ ...event, hash: 'x' } as ChainedEventFields)).toBe(chainHash(event));
  });

  it('is a 64-character hex digest', () => {
    expect(chainHash(event)).toMatch(/^[0-9a-f]{64}$/);
  });
});
