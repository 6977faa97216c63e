import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Counter, Histogram } from 'prom-client';
import { Metrics } from '@ajar/observability';
import { QueueRegistry } from './queue-registry';
import { QueueName, Queues } from './queues';

/** The job states whose counts are published per queue. */
const COUNTED_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Seconds: a webhook post of milliseconds to a large list's screening of minutes. */
const JOB_SECONDS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

interface QueueReading {
  queue: QueueName;
  counts: Record<string, number>;
  oldestWaitingAgeSeconds: number;
}

/**
 * The BullMQ metrics of a process. Queue depths and the oldest waiting job's age are read from
 * Redis when Prometheus scrapes (both processes publish them, so they are seen while either is
 * up); job durations and failures are counted by the worker as jobs finish; reconcilers count the
 * owed jobs they re-create through `jobsRecreated`.
 */
@Injectable()
export class QueueMetrics {
  private readonly jobSeconds: Histogram<'queue' | 'outcome'>;
  private readonly jobFailures: Counter<'queue' | 'final'>;
  private readonly recreated: Counter<'queue'>;

  constructor(metrics: Metrics, queues: QueueRegistry) {
    const registers = [metrics.registry];
    this.jobSeconds = new Histogram({
      name: 'ajar_job_duration_seconds',
      help: 'Time a job attempt ran in the worker, by queue and outcome (completed, failed)',
      labelNames: ['queue', 'outcome'],
      buckets: JOB_SECONDS,
      registers,
    });
    this.jobFailures = new Counter({
      name: 'ajar_job_failures_total',
      help: 'Failed job attempts by queue; final="true" when BullMQ will not try the job again',
      labelNames: ['queue', 'final'],
      registers,
    });
    this.recreated = new Counter({
      name: 'ajar_reconciler_jobs_recreated_total',
      help: 'Owed jobs a reconciler re-created because Redis no longer had them, by queue',
      labelNames: ['queue'],
      registers,
    });
    metrics.addScrapeGauges('redis_queues', () => readQueues(queues), [
      {
        name: 'ajar_queue_jobs',
        help: 'Jobs in each BullMQ queue by state (waiting, active, delayed, failed)',
        labelNames: ['queue', 'state'],
        set: (gauge, readings: QueueReading[]) => {
          for (const reading of readings) for (const state of COUNTED_STATES) gauge.set({ queue: reading.queue, state }, reading.counts[state] ?? 0);
        },
      },
      {
        name: 'ajar_queue_oldest_waiting_age_seconds',
        help: 'Age of the oldest job waiting in each queue since it became runnable (0 when none waits)',
        labelNames: ['queue'],
        set: (gauge, readings: QueueReading[]) => {
          for (const reading of readings) gauge.set({ queue: reading.queue }, reading.oldestWaitingAgeSeconds);
        },
      },
    ]);
  }

  /** A job attempt ended (BullMQ `completed` or `failed` event): its run time, and a failure if it failed. */
  jobFinished(queue: string, job: Job | undefined, outcome: 'completed' | 'failed', final = false): void {
    if (job?.processedOn !== undefined && job.finishedOn !== undefined) {
      this.jobSeconds.observe({ queue, outcome }, Math.max(0, job.finishedOn - job.processedOn) / 1000);
    }
    if (outcome === 'failed') this.jobFailures.inc({ queue, final: String(final) });
  }

  /**
   * The hook for reconcilers: call it with the number of owed jobs just re-created in `queue`
   * (`ajar_reconciler_jobs_recreated_total{queue}`). Anything above zero means Redis lost work.
   */
  jobsRecreated(queue: QueueName, count = 1): void {
    if (count > 0) this.recreated.inc({ queue }, count);
  }
}

async function readQueues(queues: QueueRegistry): Promise<QueueReading[]> {
  const now = Date.now();
  return Promise.all(
    Object.values(Queues).map(async (name) => {
      const queue = queues.get(name);
      // The wait list is pushed on the left and taken from the right: ascending order starts at the oldest.
      const [counts, [oldest]] = await Promise.all([queue.getJobCounts(...COUNTED_STATES), queue.getJobs(['wait'], 0, 0, true)]);
      // A delayed job becomes runnable at timestamp + delay; its wait is counted from then.
      const runnableSince = oldest ? oldest.timestamp + (oldest.delay ?? 0) : now;
      return { queue: name, counts, oldestWaitingAgeSeconds: Math.max(0, now - runnableSince) / 1000 };
    }),
  );
}
