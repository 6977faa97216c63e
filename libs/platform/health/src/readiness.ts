import type { LoggerService } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';

/** One dependency's probe, and whether the process can serve at all without it. */
export interface DependencyProbe {
  name: string;
  /** False: the process keeps serving without it (readiness degrades, it does not fail). */
  required: boolean;
  probe: () => Promise<HealthIndicatorResult>;
}

export interface DependencyState {
  status: 'up' | 'down';
  required: boolean;
  message?: string;
}

/**
 * The readiness answer, in @nestjs/terminus's shape (`status`, `info`, `error`, `details`) with one
 * more status: `degraded` when only optional dependencies are down. A load balancer reads the HTTP
 * status: 503 only when a required dependency is down.
 */
export interface ReadinessReport {
  status: 'ok' | 'degraded' | 'error';
  info: Record<string, DependencyState>;
  error: Record<string, DependencyState>;
  details: Record<string, DependencyState>;
}

export function readinessReport(states: Record<string, DependencyState>): { httpStatus: 200 | 503; report: ReadinessReport } {
  const entries = Object.entries(states);
  const info = Object.fromEntries(entries.filter(([, state]) => state.status === 'up'));
  const error = Object.fromEntries(entries.filter(([, state]) => state.status === 'down'));
  const requiredDown = entries.some(([, state]) => state.status === 'down' && state.required);
  const status = requiredDown ? 'error' : Object.keys(error).length > 0 ? 'degraded' : 'ok';
  return { httpStatus: requiredDown ? 503 : 200, report: { status, info, error, details: states } };
}

/**
 * Runs a probe and keeps only up/down and a fixed reason: the endpoint is public, and a driver's
 * message names hosts and ports.
 */
export async function probeState({ name, required, probe }: DependencyProbe): Promise<DependencyState> {
  try {
    const result = await probe();
    return result[name]?.status === 'up' ? { status: 'up', required } : { status: 'down', required, message: 'not reachable' };
  } catch {
    return { status: 'down', required, message: 'not reachable' };
  }
}

/** A process's readiness: its probes, run together, and a log line when a dependency changes state. */
export class Readiness {
  /** Last seen state per dependency: a change is logged once, not on every probe. */
  private readonly lastStatus = new Map<string, DependencyState['status']>();

  constructor(
    private readonly probes: DependencyProbe[],
    private readonly logger: LoggerService,
  ) {}

  async check(): Promise<{ httpStatus: 200 | 503; report: ReadinessReport }> {
    const states = await Promise.all(this.probes.map(async (probe) => [probe.name, await probeState(probe)] as const));
    for (const [name, state] of states) this.noteChange(name, state);
    return readinessReport(Object.fromEntries(states));
  }

  private noteChange(name: string, state: DependencyState): void {
    const previous = this.lastStatus.get(name);
    this.lastStatus.set(name, state.status);
    if (previous === undefined || previous === state.status) return;
    if (state.status === 'down') this.logger.warn({ dependency: name, required: state.required }, 'readiness: dependency down');
    else this.logger.log({ dependency: name }, 'readiness: dependency back up');
  }
}
