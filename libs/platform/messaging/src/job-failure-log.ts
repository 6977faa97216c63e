import type { Job } from 'bullmq';
import type { QueueEnvelope } from './queues';

export interface JobFailureLog {
  /** `error` once BullMQ gives up on the job (someone must look), `warn` while it will retry. */
  level: 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** The job's state as the worker's `failed` event sees it, after BullMQ counted the attempt. */
export type FailedJob = Pick<Job<QueueEnvelope>, 'id' | 'name' | 'attemptsMade' | 'opts' | 'data'>;

/** Whether BullMQ will not try the job again: its attempts are spent, or the error says never. */
export function isFinalFailure(job: Pick<Job, 'attemptsMade' | 'opts'>, error: Error): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
}

/**
 * The log event of a failed attempt: the queue, the job, the envelope's ids (`caseId`,
 * `deliveryId` …: a payload carries ids and routing data only, never content) and the error. The
 * final failure carries the stack as one string field, so the event stays one JSON line.
 */
export function jobFailureLog(queue: string, job: FailedJob | undefined, error: Error): JobFailureLog {
  if (!job) {
    return { level: 'error', message: 'job failed (job no longer known)', fields: { queue, err: { name: error.name, message: error.message } } };
  }
  const final = isFinalFailure(job, error);
  const envelope: Partial<QueueEnvelope> = job.data ?? {};
  const fields: Record<string, unknown> = {
    queue,
    jobId: job.id,
    jobName: job.name,
    attempt: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    type: envelope.type,
    tenantId: envelope.tenantId,
    messageId: envelope.messageId,
    correlationId: envelope.correlationId,
    ...envelopeIds(envelope.data),
    err: final ? { name: error.name, message: error.message, stack: error.stack } : { name: error.name, message: error.message },
  };
  return final
    ? { level: 'error', message: `job failed for good after ${job.attemptsMade} attempt(s)`, fields }
    : { level: 'warn', message: 'job attempt failed; will retry', fields };
}

/** The `…Id` entries of an envelope's data (`caseId`, `deadlineId`, `deliveryId`, `eventId`, `listId`). */
function envelopeIds(data: QueueEnvelope['data'] | undefined): Record<string, string | number> {
  const ids: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(data ?? {})) {
    if (/Id$/.test(name) && (typeof value === 'string' || typeof value === 'number')) ids[name] = value;
  }
  return ids;
}
