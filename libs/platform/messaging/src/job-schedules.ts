import { Injectable } from '@nestjs/common';
import { QueueRegistry } from './queue-registry';
import type { QueueName } from './queues';

/** A repeatable job: BullMQ adds `jobName` to `queue` every `everyMs`, once per period across replicas. */
export interface JobSchedule {
  queue: QueueName;
  schedulerId: string;
  everyMs: number;
  jobName: string;
}

/**
 * The worker's repeatable jobs. A job scheduler lives in Redis only, so a Redis that lost its data
 * has none: the schedules kept here are registered again by the reconciler's timer when missing.
 */
@Injectable()
export class JobSchedules {
  private readonly schedules = new Map<string, JobSchedule>();

  constructor(private readonly queues: QueueRegistry) {}

  /** Registers the schedule now and keeps it to restore later. */
  async keep(schedule: JobSchedule): Promise<void> {
    this.schedules.set(`${schedule.queue}/${schedule.schedulerId}`, schedule);
    await this.register(schedule);
  }

  /** Registers again every kept schedule Redis no longer has; returns their ids. */
  async restoreMissing(): Promise<string[]> {
    const restored: string[] = [];
    for (const schedule of this.schedules.values()) {
      if (await this.queues.get(schedule.queue).getJobScheduler(schedule.schedulerId)) continue;
      await this.register(schedule);
      restored.push(schedule.schedulerId);
    }
    return restored;
  }

  private async register({ queue, schedulerId, everyMs, jobName }: JobSchedule): Promise<void> {
    await this.queues.get(queue).upsertJobScheduler(schedulerId, { every: everyMs }, { name: jobName });
  }
}
