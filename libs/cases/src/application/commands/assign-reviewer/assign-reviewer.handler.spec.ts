import type { ActorDirectory } from '@ajar/access';
import type { ScreeningSummary } from '../../../domain/case-workflow';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { AssignReviewerCommand } from './assign-reviewer.command';
import { AssignReviewerHandler } from './assign-reviewer.handler';

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'medium', route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };
const leadActor = { kind: 'api_key' as const, id: 'lead-1', tenantId: 'tenant-1', roles: ['rso'] };

type ReviewerKeys = Pick<ActorDirectory, 'isActiveKeyWithRole'>;

/** A directory that knows the given live rso keys (tenant-1's); records each lookup's tenant and key. */
function rsoKeys(keyIds: string[]): { actors: ReviewerKeys; lookups: unknown[][] } {
  const lookups: unknown[][] = [];
  const actors: ReviewerKeys = {
    isActiveKeyWithRole: async (tenantId, keyId, role) => {
      lookups.push([tenantId, keyId]);
      return tenantId === 'tenant-1' && role === 'rso' && keyIds.includes(keyId);
    },
  };
  return { actors, lookups };
}

describe('AssignReviewerHandler', () => {
  it('assigns a live rso key of the tenant as reviewer, in place of the one before', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const { actors, lookups } = rsoKeys(['reviewer-2']);
    const handler = new AssignReviewerHandler(runner, actors);
    const result = await handler.execute(new AssignReviewerCommand('tenant-1', 'case-1', 'reviewer-2', leadActor, 5));
    expect(lookups).toEqual([['tenant-1', 'reviewer-2']]);
    expect(runner.decisions[0].events).toEqual([{ type: 'ReviewAssigned', payload: { caseVersion: 1, reviewerKeyId: 'reviewer-2', previousReviewerKeyId: 'reviewer-1' } }]);
    expect(result).toEqual({ id: 'case-1', state: 'in_review', caseVersion: 1, version: 1 });
    expect(runner.expectedVersions).toEqual([5]);
  });

  it('refuses a key that is not an active rso key of the tenant, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const handler = new AssignReviewerHandler(runner, rsoKeys([]).actors);
    await expect(handler.execute(new AssignReviewerCommand('tenant-1', 'case-1', 'key-9', leadActor))).rejects.toMatchObject({
      code: 'REVIEW.UNKNOWN_REVIEWER',
      kind: 'unprocessable',
      details: { errors: [{ field: 'reviewerKeyId' }] },
    });
    expect(runner.decisions).toEqual([]);
  });

  it('answers not found for a case the tenant does not have, before looking at the reviewer', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const { actors, lookups } = rsoKeys(['reviewer-2']);
    const handler = new AssignReviewerHandler(runner, actors);
    await expect(handler.execute(new AssignReviewerCommand('tenant-1', 'case-9', 'reviewer-2', leadActor))).rejects.toMatchObject({
      code: 'CASE.NOT_FOUND',
      kind: 'not_found',
    });
    expect(lookups).toEqual([]);
    expect(runner.decisions).toEqual([]);
  });
});
