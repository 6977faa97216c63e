import type { Actor } from '@ajar/observability';
import type { CaseCommandResult, NoExtra } from '../../case-changes';
import type { CaseSnapshot, Decision } from '../../../domain/case-lifecycle';
import type { CaseEscalationQueryService } from '../../../infrastructure/case-escalation.query-service';
import type { EscalationRecord, EscalationTarget, ScreeningSummary } from '../../../domain/case-workflow';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { RecordAdviceCommand } from './record-advice.command';
import { RecordAdviceHandler } from './record-advice.handler';

const NOW = new Date('2026-03-05T09:15:00.000Z');

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'high', route: 'escalate', research: 'R2', ruleCodes: ['RS-C-001'], escalationTargets: [] };

type AdviceActor = RecordAdviceCommand['actor'];
const ethicsActor: AdviceActor = { kind: 'api_key', id: 'ethics-key-1', tenantId: 'tenant-1', roles: ['ethics_committee'] };
const advisorActor: AdviceActor = { kind: 'api_key', id: 'advisor-key-1', tenantId: 'advisor-tenant-1', roles: ['national_advisor'] };

function openEscalation(target: EscalationTarget): EscalationRecord {
  return {
    id: 'esc-1',
    target,
    question: 'Is the partner of concern?',
    advisorTenantId: target === 'national_advisor' ? 'advisor-tenant-1' : null,
    recommendedBy: null,
    ruleCodes: [],
    requestedBy: 'reviewer-1',
    requestedAt: '2026-03-02T10:00:00.000Z',
    dueAt: '2026-03-23T10:00:00.000Z',
    status: 'open',
    advice: null,
    overdueAt: null,
    closedAt: null,
  };
}

function escalatedTo(target: EscalationTarget) {
  return reviewSnapshot(screening, { escalations: [openEscalation(target)] }, { state: 'escalated' });
}

type EscalationRow = { id: string; tenantId: string; caseId: string; target: EscalationTarget; advisorTenantId: string | null };

/** Answers the escalation lookup as `case_escalations` would (raised by, or addressed to, the caller), and records its parameters. */
function escalationRows(rows: EscalationRow[]): { escalations: Pick<CaseEscalationQueryService, 'addressedTo'>; lookups: unknown[][] } {
  const lookups: unknown[][] = [];
  const escalations: Pick<CaseEscalationQueryService, 'addressedTo'> = {
    addressedTo: async (escalationId, callerTenantId) => {
      lookups.push([escalationId, callerTenantId]);
      return rows.find((row) => row.id === escalationId && (row.tenantId === callerTenantId || row.advisorTenantId === callerTenantId)) ?? null;
    },
  };
  return { escalations, lookups };
}

const ethicsRow: EscalationRow = { id: 'esc-1', tenantId: 'tenant-1', caseId: 'case-1', target: 'ethics_committee', advisorTenantId: null };
const advisorRow: EscalationRow = { id: 'esc-1', tenantId: 'tenant-1', caseId: 'case-1', target: 'national_advisor', advisorTenantId: 'advisor-tenant-1' };

/** Also records whose case each change ran on: an advisory body answers on another tenant's case. */
class TenantRecordingRunner extends RecordingCaseRunner {
  readonly tenantIds: string[] = [];

  override change<Extra extends object = NoExtra>(
    tenantId: string,
    caseId: string,
    actor: Actor,
    decide: (current: CaseSnapshot) => Decision,
    expectedVersion?: number,
    answerWith?: Extra,
  ): Promise<CaseCommandResult & Extra> {
    this.tenantIds.push(tenantId);
    return super.change(tenantId, caseId, actor, decide, expectedVersion, answerWith);
  }
}

describe('RecordAdviceHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('records the committee\'s advice on the escalation\'s case and returns the escalation id', async () => {
    const runner = new TenantRecordingRunner(escalatedTo('ethics_committee'));
    const { escalations, lookups } = escalationRows([ethicsRow]);
    const handler = new RecordAdviceHandler(escalations, runner);
    const result = await handler.execute(new RecordAdviceCommand('esc-1', 'no_objection', 'No ethical objection.', ethicsActor));
    expect(lookups).toEqual([['esc-1', 'tenant-1']]);
    expect(runner.decisions[0].events).toEqual([
      {
        type: 'AdviceReceived',
        payload: { caseVersion: 1, escalationId: 'esc-1', target: 'ethics_committee', recommendation: 'no_objection', advice: 'No ethical objection.', byTenantId: 'tenant-1' },
      },
    ]);
    expect(result).toEqual({ id: 'case-1', state: 'in_review', caseVersion: 1, version: 1, escalationId: 'esc-1' });
    expect(runner.tenantIds).toEqual(['tenant-1']);
    expect(runner.expectedVersions).toEqual([undefined]);
  });

  it('lets the advisory body answer a national advisor escalation on the asking tenant\'s case, as itself', async () => {
    const runner = new TenantRecordingRunner(escalatedTo('national_advisor'));
    const { escalations, lookups } = escalationRows([advisorRow]);
    const handler = new RecordAdviceHandler(escalations, runner);
    await handler.execute(new RecordAdviceCommand('esc-1', 'proceed_with_conditions', 'Limit access to the lab.', advisorActor));
    expect(lookups).toEqual([['esc-1', 'advisor-tenant-1']]);
    expect(runner.tenantIds).toEqual(['tenant-1']);
    expect(runner.decisions[0].next.workflow.escalations[0].advice).toEqual({
      recommendation: 'proceed_with_conditions',
      text: 'Limit access to the lab.',
      by: 'advisor-key-1',
      byTenantId: 'advisor-tenant-1',
      at: NOW.toISOString(),
    });
  });

  it('answers not found for an escalation the caller may not see, and records nothing', async () => {
    const runner = new TenantRecordingRunner(escalatedTo('ethics_committee'));
    const handler = new RecordAdviceHandler(escalationRows([]).escalations, runner);
    await expect(handler.execute(new RecordAdviceCommand('esc-9', 'no_view', 'No view.', ethicsActor))).rejects.toMatchObject({
      code: 'ESCALATION.NOT_FOUND',
      kind: 'not_found',
    });
    expect(runner.decisions).toEqual([]);
  });

  it('refuses a caller who is not the addressee: another role, or the asking tenant on its own national advisor question', async () => {
    const runner = new TenantRecordingRunner(escalatedTo('national_advisor'));
    const rsoActor: AdviceActor = { kind: 'api_key', id: 'reviewer-1', tenantId: 'tenant-1', roles: ['rso'] };
    const ownAdvisorRoleActor: AdviceActor = { kind: 'api_key', id: 'key-2', tenantId: 'tenant-1', roles: ['national_advisor'] };
    const onEthics = new RecordAdviceHandler(escalationRows([ethicsRow]).escalations, runner);
    await expect(onEthics.execute(new RecordAdviceCommand('esc-1', 'no_objection', 'Fine.', rsoActor))).rejects.toMatchObject({
      code: 'ESCALATION.NOT_THE_ADDRESSEE',
      kind: 'forbidden',
    });
    const onAdvisor = new RecordAdviceHandler(escalationRows([advisorRow]).escalations, runner);
    await expect(onAdvisor.execute(new RecordAdviceCommand('esc-1', 'no_objection', 'Fine.', ownAdvisorRoleActor))).rejects.toMatchObject({
      code: 'ESCALATION.NOT_THE_ADDRESSEE',
      kind: 'forbidden',
    });
    expect(runner.decisions).toEqual([]);
  });
});
