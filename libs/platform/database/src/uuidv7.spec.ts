import { BufferedRandom, uuidv7 } from './uuidv7';

describe('uuidv7 with a buffered random source', () => {
  it('makes version-7, RFC 9562 variant ids that sort in the order they were made and never repeat', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('refills its buffer once it is used up, so values past the first 1,024 are fresh', () => {
    const random = new BufferedRandom();
    const values = Array.from({ length: 3000 }, () => random.nextUint32());
    for (const value of values) {
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(2 ** 32);
    }
    // 32-bit random values: a repeat in 3,000 is possible but rare; a buffer handed out twice repeats 1,024.
    expect(new Set(values).size).toBeGreaterThan(2990);
    expect(values.slice(1024, 2048)).not.toEqual(values.slice(0, 1024));
  });
});
