import type { Queue } from 'bullmq';
import { JobSchedules } from './job-schedules';
import type { QueueRegistry } from './queue-registry';
import { Queues } from './queues';

/** A queue's job schedulers as Redis holds them: a map that a flush empties. */
class SchedulersInRedis {
  readonly held = new Map<string, number>();
  upserts = 0;
  readonly queue = {
    getJobScheduler: async (id: string) => (this.held.has(id) ? { key: id, every: this.held.get(id) } : undefined),
    upsertJobScheduler: async (id: string, repeat: { every: number }) => {
      this.upserts += 1;
      this.held.set(id, repeat.every);
    },
  };
}

describe('repeatable schedules after Redis lost its data', () => {
  const redis = new SchedulersInRedis();
  // Only the two scheduler calls are used; the registry hands out the one fake queue.
  const registry = { get: () => redis.queue as unknown as Queue } as unknown as QueueRegistry;
  const schedules = new JobSchedules(registry);

  it('registers a kept schedule at once', async () => {
    await schedules.keep({ queue: Queues.Maintenance, schedulerId: 'retention-sweep', everyMs: 3_600_000, jobName: 'retention.sweep' });
    expect(redis.held.get('retention-sweep')).toBe(3_600_000);
  });

  it('leaves a schedule Redis still holds alone', async () => {
    const before = redis.upserts;
    expect(await schedules.restoreMissing()).toEqual([]);
    expect(redis.upserts).toBe(before);
  });

  it('registers again a schedule Redis lost', async () => {
    redis.held.clear();
    expect(await schedules.restoreMissing()).toEqual(['retention-sweep']);
    expect(redis.held.get('retention-sweep')).toBe(3_600_000);
  });
});
