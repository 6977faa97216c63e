import { Queues, type QueueEnvelope, type QueueName } from '@ajar/messaging';
import { isOutboxJobId, jobsToRecreate } from './owed-jobs';
import type { PendingOutboxMessage } from './outbox.repository';

const row = (id: string, destination: QueueName): PendingOutboxMessage => ({
  id,
  destination,
  jobName: 'x.v1',
  envelope: { messageId: id, type: 'x.v1', tenantId: 't', correlationId: 'c', causationId: 'e', data: {} } satisfies QueueEnvelope,
});

describe('owed outbox jobs after Redis lost some', () => {
  const a = row('0190f3a0-0000-7000-8000-000000000001', Queues.Appraisal);
  const b = row('0190f3a0-0000-7000-8000-000000000002', Queues.Appraisal);
  const n = row('0190f3a0-0000-7000-8000-000000000003', Queues.Notices);

  it('re-creates only the rows whose job Redis no longer holds, grouped by queue', () => {
    const missing = jobsToRecreate([a, b, n], new Set([b.id]));
    expect([...missing.keys()]).toEqual([Queues.Appraisal, Queues.Notices]);
    expect(missing.get(Queues.Appraisal)).toEqual([a]);
    expect(missing.get(Queues.Notices)).toEqual([n]);
  });

  it('re-creates nothing while Redis holds every job (a backlog still queued is not doubled)', () => {
    expect(jobsToRecreate([a, b, n], new Set([a.id, b.id, n.id])).size).toBe(0);
  });

  it('re-creates the whole backlog after a flush', () => {
    const missing = jobsToRecreate([a, b, n], new Set());
    expect(missing.get(Queues.Appraisal)).toHaveLength(2);
    expect(missing.get(Queues.Notices)).toHaveLength(1);
  });
});

describe('which settled jobs name an outbox row', () => {
  it('is an outbox id (a UUID)', () => {
    expect(isOutboxJobId('0190f3a0-0000-7000-8000-000000000001')).toBe(true);
  });

  it('is not a delivery attempt or a re-armed alarm', () => {
    expect(isOutboxJobId('0190f3a0-0000-7000-8000-000000000001-a2')).toBe(false);
    expect(isOutboxJobId('deadline-0190f3a0-0000-7000-8000-000000000001')).toBe(false);
    expect(isOutboxJobId('repeat:retention-sweep:1700000000000')).toBe(false);
  });
});
