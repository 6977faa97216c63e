import type { JobsOptions } from 'bullmq';
import { notBefore, QueueEnvelope } from '@ajar/messaging';
import type { PendingOutboxMessage } from './outbox.repository';

/**
 * The BullMQ job of an outbox row: the outbox id is the job id, so the relay and the reconciler
 * add the same job and BullMQ ignores the second while it holds the first. A deadline's alarm is
 * delayed until its due time (a due time already past runs at once).
 */
export function outboxJob(message: PendingOutboxMessage, now = Date.now()): { name: string; data: QueueEnvelope; opts: JobsOptions } {
  const due = notBefore(message.envelope);
  return { name: message.jobName, data: message.envelope, opts: { jobId: message.id, ...(due !== undefined ? { delay: Math.max(0, due - now) } : {}) } };
}
