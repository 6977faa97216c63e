import type { JobsOptions } from 'bullmq';
import type { QueueEnvelope } from '@ajar/messaging';

export const DELIVER_JOB = 'webhook.deliver';

/**
 * Delivery jobs are removed once done: the database row, not the job, says whether an attempt is
 * still owed, so the sweeper may re-create a lost job under the same id. BullMQ's own retries only
 * cover a failure of Ajar's side (database down); the receiver's failures follow the schedule.
 */
export const DELIVERY_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: true,
};

/** One id per delivery attempt: a re-added job for an attempt already queued is ignored. */
export function deliveryJobId(deliveryId: string, attempt: number): string {
  return `${deliveryId}-a${attempt}`;
}

export interface DeliveryJob {
  tenantId: string;
  deliveryId: string;
  attempt: number;
  correlationId: string;
  causationId: string;
  delayMs?: number;
}

export function deliveryJob(job: DeliveryJob): { name: string; data: QueueEnvelope; opts: JobsOptions } {
  const jobId = deliveryJobId(job.deliveryId, job.attempt);
  return {
    name: DELIVER_JOB,
    data: {
      messageId: jobId,
      type: DELIVER_JOB,
      tenantId: job.tenantId,
      correlationId: job.correlationId,
      causationId: job.causationId,
      data: { deliveryId: job.deliveryId, attempt: job.attempt },
    },
    opts: { ...DELIVERY_JOB_OPTIONS, jobId, ...(job.delayMs ? { delay: job.delayMs } : {}) },
  };
}
