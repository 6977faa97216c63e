import { BufferedRandom, uuidv7 } from './uuidv7';

/** The 48-bit unix-millisecond timestamp at the front of a UUIDv7 (RFC 9562 §5.7). */
function timestampOf(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

describe('uuidv7 with a buffered random source', () => {
  it('sets the version nibble to 7 and the variant bits to 10 (RFC 9562)', () => {
    for (let i = 0; i < 2000; i++) {
      const hex = uuidv7().replace(/-/g, '');
      expect(hex).toMatch(/^[0-9a-f]{32}$/);
      expect(parseInt(hex[12] as string, 16)).toBe(7);
      expect(parseInt(hex[16] as string, 16) >> 2).toBe(0b10);
    }
  });

  it('sorts ids in the order they were made, even many within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    for (let i = 1; i < ids.length; i++) expect((ids[i - 1] as string) < (ids[i] as string)).toBe(true);
    // The loop above makes far more than one id per millisecond, so the in-millisecond counter is exercised.
    expect(new Set(ids.map(timestampOf)).size).toBeLessThan(ids.length);
  });

  it('never repeats over many ids', () => {
    const ids = Array.from({ length: 20000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the time it was made in its first 48 bits', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    // The generator may run a few ms ahead after a burst of ids (counter overflow); never behind.
    expect(timestampOf(id)).toBeGreaterThanOrEqual(before);
    expect(timestampOf(id)).toBeLessThanOrEqual(after + 50);
  });

  it('hands out uniformly random 32-bit values, each bit set about half the time', () => {
    const random = new BufferedRandom();
    const values = Array.from({ length: 4096 }, () => random.nextUint32());
    for (let bit = 0; bit < 32; bit++) {
      const set = values.filter((value) => ((value >>> bit) & 1) === 1).length;
      // Binomial(4096, ½): σ = 32; ±8σ is never crossed by a fair source, and a stuck bit crosses it at once.
      expect(Math.abs(set - 2048)).toBeLessThan(256);
    }
  });

  it('refills its buffer once it is used up, so values past the first 1,024 are fresh', () => {
    const random = new BufferedRandom();
    const values = Array.from({ length: 3072 }, () => random.nextUint32());
    // 32-bit random values: a repeat in 3,072 is possible but rare; a buffer handed out twice repeats 1,024.
    expect(new Set(values).size).toBeGreaterThan(3060);
    const first = new Set(values.slice(0, 1024));
    expect(values.slice(1024, 2048).filter((value) => first.has(value)).length).toBeLessThan(5);
  });
});
