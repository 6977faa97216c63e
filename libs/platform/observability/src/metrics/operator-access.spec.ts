import { metricsAccess, operatorAccess, presentedToken } from './operator-access';

const TOKEN = 'scrape-token-0123456789abcdef';
const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('presentedToken', () => {
  it('reads a Bearer token, and a Basic password only where Basic is allowed', () => {
    expect(presentedToken(`Bearer ${TOKEN}`, { basic: false })).toBe(TOKEN);
    expect(presentedToken(basic('operator', TOKEN), { basic: true })).toBe(TOKEN);
    expect(presentedToken(basic('operator', TOKEN), { basic: false })).toBeUndefined();
    expect(presentedToken(basic('operator', ''), { basic: true })).toBeUndefined();
    expect(presentedToken(undefined, { basic: true })).toBeUndefined();
    expect(presentedToken('Token abc', { basic: true })).toBeUndefined();
  });
});

describe('metricsAccess', () => {
  it('with AJAR_METRICS_TOKEN set, allows only the token, in any environment', () => {
    for (const NODE_ENV of ['development', 'production']) {
      const env = { NODE_ENV, AJAR_METRICS_TOKEN: TOKEN };
      expect(metricsAccess(env, `Bearer ${TOKEN}`)).toBe('allowed');
      expect(metricsAccess(env, `Bearer ${TOKEN}x`)).toBe('unauthenticated');
      expect(metricsAccess(env, undefined)).toBe('unauthenticated');
      expect(metricsAccess(env, basic('prometheus', TOKEN))).toBe('unauthenticated');
    }
  });

  it('without a token, is open in development and off in production', () => {
    expect(metricsAccess({ NODE_ENV: 'development' }, undefined)).toBe('allowed');
    expect(metricsAccess({ NODE_ENV: 'test' }, undefined)).toBe('allowed');
    expect(metricsAccess({ NODE_ENV: 'production' }, `Bearer ${TOKEN}`)).toBe('off');
  });
});

describe('operatorAccess', () => {
  it('allows the operator token by Bearer or as a Basic password, nothing else', () => {
    const env = { AJAR_OPERATOR_TOKEN: TOKEN };
    expect(operatorAccess(env, `Bearer ${TOKEN}`)).toBe('allowed');
    expect(operatorAccess(env, basic('anyone', TOKEN))).toBe('allowed');
    expect(operatorAccess(env, basic('anyone', 'wrong'))).toBe('unauthenticated');
    expect(operatorAccess(env, undefined)).toBe('unauthenticated');
  });

  it('is off without AJAR_OPERATOR_TOKEN', () => {
    expect(operatorAccess({}, `Bearer ${TOKEN}`)).toBe('off');
  });
});
