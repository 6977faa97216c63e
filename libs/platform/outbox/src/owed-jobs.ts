import type { QueueName } from '@ajar/messaging';
import type { PendingOutboxMessage } from './outbox.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a job id can be an outbox row's id (other jobs — delivery attempts, re-armed alarms — are named otherwise). */
export function isOutboxJobId(jobId: string): boolean {
  return UUID.test(jobId);
}

/**
 * The owed rows whose job Redis no longer holds, by queue. A job Redis still holds, in any state
 * (waiting, delayed, active, completed, failed), is left alone: it is running or will run, or it
 * failed where an operator sees it.
 */
export function jobsToRecreate(owed: readonly PendingOutboxMessage[], held: ReadonlySet<string>): Map<QueueName, PendingOutboxMessage[]> {
  const byQueue = new Map<QueueName, PendingOutboxMessage[]>();
  for (const message of owed) {
    if (held.has(message.id)) continue;
    const missing = byQueue.get(message.destination);
    if (missing) missing.push(message);
    else byQueue.set(message.destination, [message]);
  }
  return byQueue;
}
