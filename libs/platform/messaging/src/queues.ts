import type { JobsOptions } from 'bullmq';

/** Every BullMQ queue Ajar uses. Names are part of the deployment contract: never rename one. */
export const Queues = {
  Appraisal: 'appraisal',
  Maintenance: 'maintenance',
  Monitoring: 'monitoring',
  Webhooks: 'webhooks',
  Deadlines: 'deadlines',
  Notices: 'notices',
} as const;
export type QueueName = (typeof Queues)[keyof typeof Queues];

/**
 * Queues whose work is owed by its outbox row until the job settles; the outbox reconciler
 * re-creates their jobs Redis lost. Deadlines and webhook deliveries are owed by their own rows
 * (`case_deadlines`, `webhook_deliveries`) and re-created by their contexts' sweepers; maintenance
 * runs from a job scheduler.
 */
export const OUTBOX_OWNED_QUEUES: readonly QueueName[] = [Queues.Appraisal, Queues.Notices, Queues.Monitoring];

/**
 * What a job carries: ids and routing data only. Sensitive content stays in PostgreSQL and is
 * loaded by the consumer (queue payloads are plaintext in Redis).
 */
export interface QueueEnvelope {
  /** The outbox message id; also the BullMQ job id and the consumer's inbox key. */
  messageId: string;
  type: string;
  tenantId: string;
  correlationId: string;
  causationId: string;
  data: Record<string, string | number | boolean | null>;
}

/** `data.notBefore` (ISO time) on an outbox message: the relay adds the job delayed until then. */
export function notBefore(envelope: QueueEnvelope): number | undefined {
  const value = envelope.data.notBefore;
  if (typeof value !== 'string') return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * Attempts and backoff here are the defaults of AJAR_JOB_ATTEMPTS and AJAR_JOB_BACKOFF_MS, which
 * the queue registry applies. Completed jobs are kept a day so that a re-published outbox row with the same job id is
 * ignored by BullMQ; consumers dedupe again through their inbox in any case.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 200_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};
