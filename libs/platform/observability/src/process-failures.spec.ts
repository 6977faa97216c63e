import type { LoggerService } from '@nestjs/common';
import { processFailureHandler } from './process-failures';

describe('a process-level failure', () => {
  it('is logged once, as an error with the stack in a field, and the process exits with 1', () => {
    const events: unknown[][] = [];
    const logger: LoggerService = { log: () => undefined, warn: () => undefined, error: (...args: unknown[]) => events.push(args) };
    const exits: number[] = [];
    processFailureHandler(logger, 'uncaught exception', (code) => exits.push(code))(new TypeError('boom'));
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual([{ err: { name: 'TypeError', message: 'boom', stack: expect.stringContaining('TypeError: boom') } }, 'uncaught exception; exiting']);
    expect(exits).toEqual([1]);
  });

  it('turns a rejection with a non-error into an error', () => {
    const events: unknown[][] = [];
    const logger: LoggerService = { log: () => undefined, warn: () => undefined, error: (...args: unknown[]) => events.push(args) };
    processFailureHandler(logger, 'unhandled promise rejection', () => undefined)('just a string');
    expect(events[0]?.[0]).toMatchObject({ err: { name: 'Error', message: 'just a string' } });
  });
});
