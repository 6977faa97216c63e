import type { LoggerService } from '@nestjs/common';

/**
 * Logs an uncaught exception or unhandled rejection as one JSON line (stack as a field), then exits
 * as Node would have, instead of Node's multi-line dump to stderr. The orchestrator restarts the process.
 */
export function logProcessFailures(logger: LoggerService, exit: (code: number) => void = (code) => process.exit(code)): void {
  const fail = (what: string) => (reason: unknown) => {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    logger.error({ err: { name: error.name, message: error.message, stack: error.stack } }, `${what}; exiting`);
    exit(1);
  };
  process.on('uncaughtException', fail('uncaught exception'));
  process.on('unhandledRejection', fail('unhandled promise rejection'));
}
