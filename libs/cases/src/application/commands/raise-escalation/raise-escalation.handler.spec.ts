import type { ActorDirectory } from '@ajar/access';
import type { EscalationTarget, ScreeningSummary } from '../../../domain/case-workflow';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import type { DecisionPolicy } from '../../decision-policy';
import { RaiseEscalationCommand } from './raise-escalation.command';
import { RaiseEscalationHandler } from './raise-escalation.handler';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'high', route: 'escalate', research: 'R2', ruleCodes: ['RS-C-001'], escalationTargets: [] };
const reviewerActor = { kind: 'api_key' as const, id: 'reviewer-1', tenantId: 'tenant-1', roles: ['rso'] };
const slaDays: Record<EscalationTarget, number> = { ethics_committee: 10, national_advisor: 21, export_control: 15, legal: 5 };

/** Answers the registered-advisors lookup with the given advisory bodies and records its parameters. */
function advisorsRegistered(advisorTenantIds: string[]): { actors: Pick<ActorDirectory, 'advisorsOf'>; lookups: unknown[][] } {
  const lookups: unknown[][] = [];
  const actors: Pick<ActorDirectory, 'advisorsOf'> = {
    advisorsOf: async (tenantId) => {
      lookups.push([tenantId]);
      return [...advisorTenantIds];
    },
  };
  return { actors, lookups };
}

/** A policy that answers only the due times, and records which case it was asked about. */
function policyWithDueTimes(): { policy: Pick<DecisionPolicy, 'dueTimesFor'>; asked: [string, string][] } {
  const asked: [string, string][] = [];
  const policy: Pick<DecisionPolicy, 'dueTimesFor'> = {
    dueTimesFor: async (tenantId: string, caseId: string) => {
      asked.push([tenantId, caseId]);
      return { slaDays, informationRequestDays: 7 };
    },
  };
  return { policy, asked };
}

describe('RaiseEscalationHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('escalates under a new id it returns, due after the policy\'s time for the target, without looking up advisors', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const { actors, lookups } = advisorsRegistered(['advisor-tenant-1']);
    const { policy, asked } = policyWithDueTimes();
    const handler = new RaiseEscalationHandler(actors, runner, policy);
    const result = await handler.execute(new RaiseEscalationCommand('tenant-1', 'case-1', 'ethics_committee', 'Is this ethically acceptable?', undefined, reviewerActor, 2));
    expect(result).toEqual({ id: 'case-1', state: 'escalated', caseVersion: 1, version: 1, escalationId: expect.stringMatching(UUID_V7) });
    expect(runner.decisions[0].events).toEqual([
      {
        type: 'EscalationRaised',
        payload: {
          caseVersion: 1,
          escalationId: result.escalationId,
          target: 'ethics_committee',
          question: 'Is this ethically acceptable?',
          advisorTenantId: null,
          recommendedBy: null,
          ruleCodes: [],
          dueAt: '2026-03-12T10:00:00.000Z',
        },
      },
    ]);
    expect(runner.decisions[0].next.workflow.escalations[0]).toMatchObject({ requestedBy: 'reviewer-1', requestedAt: NOW.toISOString() });
    expect(asked).toEqual([['tenant-1', 'case-1']]);
    expect(lookups).toEqual([]);
    expect(runner.expectedVersions).toEqual([2]);
  });

  it('addresses a national advisor escalation to the tenant\'s only registered advisory body when none is named', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const { actors, lookups } = advisorsRegistered(['advisor-tenant-1']);
    const handler = new RaiseEscalationHandler(actors, runner, policyWithDueTimes().policy);
    await handler.execute(new RaiseEscalationCommand('tenant-1', 'case-1', 'national_advisor', 'Is the partner of concern?', undefined, reviewerActor));
    expect(lookups).toEqual([['tenant-1']]);
    expect(runner.decisions[0].events[0].payload).toMatchObject({ target: 'national_advisor', advisorTenantId: 'advisor-tenant-1', dueAt: '2026-03-23T10:00:00.000Z' });
  });

  it('refuses an advisory body the tenant has not registered, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const handler = new RaiseEscalationHandler(advisorsRegistered(['advisor-tenant-1']).actors, runner, policyWithDueTimes().policy);
    await expect(handler.execute(new RaiseEscalationCommand('tenant-1', 'case-1', 'national_advisor', 'Is the partner of concern?', 'advisor-tenant-2', reviewerActor))).rejects.toMatchObject({
      code: 'ESCALATION.ADVISOR_NOT_REGISTERED',
      kind: 'unprocessable',
      details: { errors: [{ field: 'advisorTenantId' }] },
    });
    expect(runner.decisions).toEqual([]);
  });

  it('refuses to pick among several registered advisory bodies, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const handler = new RaiseEscalationHandler(advisorsRegistered(['advisor-tenant-1', 'advisor-tenant-2']).actors, runner, policyWithDueTimes().policy);
    await expect(handler.execute(new RaiseEscalationCommand('tenant-1', 'case-1', 'national_advisor', 'Is the partner of concern?', undefined, reviewerActor))).rejects.toMatchObject({
      code: 'ESCALATION.ADVISOR_REQUIRED',
      kind: 'unprocessable',
    });
    expect(runner.decisions).toEqual([]);
  });

  it('refuses an advisory body named on any other target, before asking the policy, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const { actors, lookups } = advisorsRegistered(['advisor-tenant-1']);
    const { policy, asked } = policyWithDueTimes();
    const handler = new RaiseEscalationHandler(actors, runner, policy);
    await expect(handler.execute(new RaiseEscalationCommand('tenant-1', 'case-1', 'export_control', 'Is a licence needed?', 'advisor-tenant-1', reviewerActor))).rejects.toMatchObject({
      code: 'ESCALATION.ADVISOR',
      kind: 'unprocessable',
    });
    expect(lookups).toEqual([]);
    expect(asked).toEqual([]);
    expect(runner.decisions).toEqual([]);
  });
});
