import { assertStorableJson, MAX_JSON_DEPTH } from './json-guard';
import { ProblemException } from './problem';

function refusal(text: string): { field: string; reason: string } | undefined {
  try {
    assertStorableJson(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    expect(error.status).toBe(400);
    return error.errors?.[0];
  }
}

describe('assertStorableJson', () => {
  it('takes ordinary JSON, escapes and brackets inside strings included', () => {
    for (const text of ['{}', '[]', '"x"', '1', '{"a":[1,{"a":2}],"b":{"a":3}}', '{"a":"[[[{{{\\"]]]"}', '{"a\\\\":"\\\\","a":"\\ud83d\\ude00"}', JSON.stringify({ t: '\u0001\u001f🧪' })]) {
      expect(refusal(text)).toBeUndefined();
    }
  });

  it('names the path of a refused string, key or duplicate', () => {
    expect(refusal('{"partners":[{"name":"ok"},{"name":"a\\u0000b"}]}')).toEqual({ field: 'partners[1].name', reason: expect.stringMatching(/U\+0000/) });
    expect(refusal('{"a":{"b":[1,2,"\\udc00"]}}')).toEqual({ field: 'a.b[2]', reason: expect.stringMatching(/surrogate/) });
    expect(refusal('{"a":{"b":1,"c":2,"b":3}}')).toEqual({ field: 'a.b', reason: expect.stringMatching(/twice/) });
    expect(refusal('{"a":1,"\\u0061":2}')).toEqual({ field: 'a', reason: expect.stringMatching(/twice/) });
  });

  it(`counts depth up to ${MAX_JSON_DEPTH}`, () => {
    expect(refusal('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeUndefined();
    expect(refusal('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))?.reason).toMatch(/deeper than 32/);
    expect(refusal('{"a":'.repeat(100_000))?.reason).toMatch(/deeper than 32/);
  });

  it('leaves text that is not JSON to the parser', () => {
    for (const text of ['{"a":', '"abc', '{"a":"\\x"}', ']]]]', '{]', 'nul\u0000l', '{"a":1,"a"']) {
      expect(() => assertStorableJson(text)).not.toThrow(TypeError);
    }
  });

  it('is linear: a 1 MB body of many keys and escaped strings is scanned in well under half a second (linear, not quadratic)', () => {
    const body = JSON.stringify({ items: Array.from({ length: 20_000 }, (_unused, index) => ({ [`k${index}`]: `v\n"${index}"`, n: index })) });
    expect(body.length).toBeGreaterThan(500_000);
    const started = performance.now();
    assertStorableJson(body);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
