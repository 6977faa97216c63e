import { deliveryOutcome } from './webhook-metrics';

describe('the outcome label of a webhook attempt', () => {
  it('is delivered on success, retrying while attempts remain, failed when exhausted or gone', () => {
    expect(deliveryOutcome({ kind: 'succeeded' })).toBe('delivered');
    expect(deliveryOutcome({ kind: 'retry', delayMs: 5000, reason: '503' })).toBe('retrying');
    expect(deliveryOutcome({ kind: 'exhausted', reason: '503' })).toBe('failed');
    expect(deliveryOutcome({ kind: 'endpoint_gone', reason: '410' })).toBe('failed');
  });
});
