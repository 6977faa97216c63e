import type { LoggerService } from '@nestjs/common';

/** Logs a process-level failure as one event (stack as a field), then exits as Node would have. */
export function processFailureHandler(logger: LoggerService, what: string, exit: (code: number) => void): (reason: unknown) => void {
  return (reason) => {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    logger.error({ err: { name: error.name, message: error.message, stack: error.stack } }, `${what}; exiting`);
    exit(1);
  };
}

/**
 * Uncaught exceptions and unhandled rejections are logged as one JSON line instead of Node's
 * multi-line dump to stderr; the process still exits, and the orchestrator restarts it.
 */
export function logProcessFailures(logger: LoggerService, exit: (code: number) => void = (code) => process.exit(code)): void {
  process.on('uncaughtException', processFailureHandler(logger, 'uncaught exception', exit));
  process.on('unhandledRejection', processFailureHandler(logger, 'unhandled promise rejection', exit));
}
