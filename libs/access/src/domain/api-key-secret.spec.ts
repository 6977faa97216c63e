import { generateApiKey, hashApiKey } from './api-key-secret';

describe('API key secrets', () => {
  it('generates distinct keys whose hash is all that needs storing', () => {
    const first = generateApiKey();
    const second = generateApiKey();
    expect(first.key).not.toBe(second.key);
    expect(first.key).toMatch(/^ajar_[A-Za-z0-9_-]{43}$/);
    expect(first.hash).toBe(hashApiKey(first.key));
    expect(first.hash).not.toContain(first.key);
    expect(first.displayPrefix).toBe(first.key.slice(0, 12));
  });
});
