import { isLastAttempt } from './queue-consumer';

describe('isLastAttempt', () => {
  const job = (attemptsMade: number, attempts?: number) => ({ attemptsMade, opts: attempts === undefined ? {} : { attempts } });

  it('is the attempt after which BullMQ does not retry', () => {
    expect(isLastAttempt(job(0, 3), new Error('x'))).toBe(false);
    expect(isLastAttempt(job(1, 3), new Error('x'))).toBe(false);
    expect(isLastAttempt(job(2, 3), new Error('x'))).toBe(true);
  });

  it('is every attempt of a job added without retries', () => {
    expect(isLastAttempt(job(0), new Error('x'))).toBe(true);
  });

  it('is any attempt that threw an unrecoverable error', () => {
    const unrecoverable = Object.assign(new Error('bad data'), { name: 'UnrecoverableError' });
    expect(isLastAttempt(job(0, 8), unrecoverable)).toBe(true);
  });
});
