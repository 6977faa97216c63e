import type { JobsOptions } from 'bullmq';
import { FailedJob, jobFailureLog } from './job-failure-log';

function failedJob(attemptsMade: number, attempts: number): FailedJob {
  return {
    id: 'msg-1',
    name: 'case.submitted.v1',
    attemptsMade,
    opts: { attempts } satisfies JobsOptions,
    data: {
      messageId: 'msg-1',
      type: 'case.submitted.v1',
      tenantId: 'tenant-1',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      data: { caseId: 'case-42', caseVersion: 3, note: 'not an id' },
    },
  };
}

describe('the log event of a failed job attempt', () => {
  const error = new Error('appraisal failed');

  it('is a warning while BullMQ will retry', () => {
    const log = jobFailureLog('appraisal', failedJob(1, 3), error);
    expect(log.level).toBe('warn');
    expect(log.fields).toMatchObject({ queue: 'appraisal', jobId: 'msg-1', attempt: 1, attempts: 3, caseId: 'case-42' });
    expect(log.fields.err).toEqual({ name: 'Error', message: 'appraisal failed' });
  });

  it('is an error on the last attempt, with queue, job id and name, case id and the stack as one field', () => {
    const log = jobFailureLog('appraisal', failedJob(3, 3), error);
    expect(log.level).toBe('error');
    expect(log.fields).toMatchObject({ queue: 'appraisal', jobId: 'msg-1', jobName: 'case.submitted.v1', tenantId: 'tenant-1', caseId: 'case-42', attempt: 3 });
    expect(log.fields).not.toHaveProperty('note');
    expect(log.fields).not.toHaveProperty('caseVersion');
    expect((log.fields.err as { stack: string }).stack).toContain('appraisal failed');
  });

  it('is an error at once for an unrecoverable error', () => {
    const unrecoverable = Object.assign(new Error('bad payload'), { name: 'UnrecoverableError' });
    expect(jobFailureLog('appraisal', failedJob(1, 8), unrecoverable).level).toBe('error');
  });

  it('is an error when the job is no longer known', () => {
    expect(jobFailureLog('appraisal', undefined, error)).toMatchObject({ level: 'error', fields: { queue: 'appraisal' } });
  });
});
