import cluster, { Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** What the supervising process sends a member when the group stops. */
export const STOP_MESSAGE = 'ajar:stop';

/**
 * Runs `count` API processes on one port (node:cluster: the supervisor accepts connections and
 * hands them round). One JavaScript thread serves one core at most; a group uses more cores of
 * its host. The supervisor serves nothing itself.
 *
 * SIGTERM or SIGINT stops the group: every member drains as a lone API would, then the supervisor
 * exits 0. A member that exits on its own leaves the group short of what was configured, so the
 * others are stopped too and the supervisor exits 1: the process manager (compose, systemd,
 * Kubernetes) restarts the API whole instead of it running on half its processes unnoticed.
 * A second signal ends the members at once (exit 1).
 */
export function superviseApiProcesses(count: number, logger: Logger, exec?: string): void {
  if (exec !== undefined) cluster.setupPrimary({ exec });
  const members = new Set<Worker>();
  let stopping = false;
  let exitCode = 0;

  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    for (const member of members) {
      // A member whose IPC channel is already gone is stopping by itself.
      if (member.isConnected()) member.send(STOP_MESSAGE);
    }
  };

  cluster.on('exit', (member, code, signal) => {
    members.delete(member);
    if (!stopping) {
      logger.error({ member: member.process.pid, code, signal }, 'an API process exited on its own; stopping the others');
      exitCode = 1;
      stop();
    }
    if (members.size === 0) {
      logger.info({ exitCode }, 'every API process has stopped');
      process.exit(exitCode);
    }
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (!stopping) {
        logger.info({ signal, processes: members.size }, 'stopping the API processes');
        stop();
        return;
      }
      // Asked twice: end them now; the stop was not clean.
      exitCode = 1;
      for (const member of members) member.process.kill('SIGKILL');
    });
  }

  for (let index = 0; index < count; index += 1) members.add(cluster.fork());
  logger.info({ processes: count }, 'API process group started');
}

/**
 * In a member of the group, called first thing: stop as a lone API stops on SIGTERM (Nest's
 * shutdown hooks, which ignore a signal that comes while they run) when the supervisor asks. A
 * request that comes while the member is still booting is held until it serves (call the
 * function returned then): Nest's hooks are not in place before.
 *
 * If the supervisor itself is killed outright, Node's cluster ends the member at once when the
 * IPC channel closes (as SIGKILL ends a lone API); no member is left behind.
 */
export function followSupervisor(): () => void {
  let serving = false;
  let asked = false;
  const stop = (): void => {
    if (serving) process.kill(process.pid, 'SIGTERM');
    else asked = true;
  };
  process.on('message', (message) => {
    if (message === STOP_MESSAGE) stop();
  });
  return () => {
    serving = true;
    if (asked) stop();
  };
}
