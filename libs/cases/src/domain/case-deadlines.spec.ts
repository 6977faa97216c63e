import { caseContent, certifiedDisclosure } from '../testing/case-content.fixture';
import { deadlinesOf, reminderTimes, soundAlarm } from './case-deadlines';
import type { CaseSnapshot } from './case-lifecycle';
import { EMPTY_WORKFLOW, type CaseWorkflow, type EscalationRecord, type InformationRequest, type MitigationMeasure, type MitigationPlan } from './case-workflow';

const START = new Date('2026-03-02T10:00:00.000Z');
const NOW = new Date('2026-03-20T08:30:00.000Z');

function escalation(overrides: Partial<EscalationRecord> = {}): EscalationRecord {
  return {
    id: 'esc-1',
    target: 'national_advisor',
    question: 'Is the partner a concern?',
    advisorTenantId: 'advisor-tenant',
    recommendedBy: 'RS-X-002',
    ruleCodes: ['RS-L-003'],
    requestedBy: 'reviewer-1',
    requestedAt: START.toISOString(),
    dueAt: '2026-03-16T10:00:00.000Z',
    status: 'open',
    advice: null,
    overdueAt: null,
    closedAt: null,
    ...overrides,
  };
}

function informationRequest(overrides: Partial<InformationRequest> = {}): InformationRequest {
  return {
    id: 'req-1',
    question: 'Who funds the partner?',
    requestedBy: 'reviewer-1',
    requestedAt: START.toISOString(),
    dueAt: '2026-03-16T10:00:00.000Z',
    status: 'open',
    response: null,
    overdueAt: null,
    ...overrides,
  };
}

function measure(overrides: Partial<MitigationMeasure> = {}): MitigationMeasure {
  return {
    id: 'm-1',
    measure: 'MIT-03',
    strength: 'required',
    owner: 'research office',
    dueInDays: 30,
    dueAt: '2026-04-01T10:00:00.000Z',
    evidenceExpected: 'signed agreement',
    legalBasis: null,
    status: 'pending',
    completion: null,
    overdueAt: null,
    ...overrides,
  };
}

function plan(overrides: Partial<MitigationPlan> = {}): MitigationPlan {
  return {
    id: 'plan-1',
    caseVersion: 1,
    status: 'agreed',
    proposedBy: 'reviewer-1',
    proposedAt: START.toISOString(),
    agreedBy: 'applicant-1',
    agreedAt: START.toISOString(),
    measures: [measure(), measure({ id: 'm-2', measure: 'MIT-07' })],
    ...overrides,
  };
}

function snapshot(workflow: Partial<CaseWorkflow> = {}, overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    id: 'case-1',
    state: 'escalated',
    caseVersion: 1,
    content: caseContent(['p1']),
    disclosures: { p1: certifiedDisclosure },
    level: 'high',
    adjudications: [],
    workflow: { ...EMPTY_WORKFLOW, ...workflow },
    ...overrides,
  };
}

describe('reminderTimes', () => {
  it('puts the halfway reminder exactly at half the time', () => {
    const { halfway } = reminderTimes(START, new Date('2026-03-16T10:00:00.000Z'));
    expect(halfway.toISOString()).toBe('2026-03-09T10:00:00.000Z');
  });

  it('puts the due-day reminder at UTC midnight of the due day when that is after halfway', () => {
    const { halfway, dueDay } = reminderTimes(START, new Date('2026-03-16T10:00:00.000Z'));
    expect(dueDay.toISOString()).toBe('2026-03-16T00:00:00.000Z');
    expect(dueDay.getTime()).toBeGreaterThan(halfway.getTime());
  });

  it('keeps the due-day midnight for a one-day deadline whose due day starts after halfway', () => {
    const { halfway, dueDay } = reminderTimes(START, new Date('2026-03-03T10:00:00.000Z'));
    expect(halfway.toISOString()).toBe('2026-03-02T22:00:00.000Z');
    expect(dueDay.toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('falls back to three quarters of the time when the due day starts before halfway', () => {
    const { halfway, dueDay } = reminderTimes(new Date('2026-03-02T20:00:00.000Z'), new Date('2026-03-03T06:00:00.000Z'));
    expect(halfway.toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect(dueDay.toISOString()).toBe('2026-03-03T03:30:00.000Z');
  });

  it('falls back to three quarters for a deadline on the same day', () => {
    const { halfway, dueDay } = reminderTimes(START, new Date('2026-03-02T18:00:00.000Z'));
    expect(halfway.toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect(dueDay.toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });

  it('falls back to three quarters when the due day starts exactly at halfway', () => {
    const { halfway, dueDay } = reminderTimes(new Date('2026-03-02T12:00:00.000Z'), new Date('2026-03-03T12:00:00.000Z'));
    expect(halfway.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(dueDay.toISOString()).toBe('2026-03-03T06:00:00.000Z');
  });
});

describe('deadlinesOf', () => {
  it('starts one due alarm for the response window of a recorded decision', () => {
    const alarms = deadlinesOf('DecisionRecorded', { decisionId: 'd-1', responseDueAt: '2026-03-16T10:00:00.000Z' }, START);
    expect(alarms).toEqual([{ kind: 'decision_response_window', subjectId: 'd-1', alarm: 'due', at: '2026-03-16T10:00:00.000Z' }]);
  });

  it('starts nothing for a final decision (no response window)', () => {
    expect(deadlinesOf('DecisionRecorded', { decisionId: 'd-1', responseDueAt: null }, START)).toEqual([]);
  });

  it('starts the halfway, due-day and due alarms of an escalation, in that order', () => {
    const alarms = deadlinesOf('EscalationRaised', { escalationId: 'esc-1', dueAt: '2026-03-16T10:00:00.000Z' }, START);
    expect(alarms).toEqual([
      { kind: 'escalation', subjectId: 'esc-1', alarm: 'reminder_halfway', at: '2026-03-09T10:00:00.000Z' },
      { kind: 'escalation', subjectId: 'esc-1', alarm: 'reminder_due_day', at: '2026-03-16T00:00:00.000Z' },
      { kind: 'escalation', subjectId: 'esc-1', alarm: 'due', at: '2026-03-16T10:00:00.000Z' },
    ]);
  });

  it('starts the same three alarms for an information request', () => {
    const alarms = deadlinesOf('InformationRequested', { requestId: 'req-1', dueAt: '2026-03-09T10:00:00.000Z' }, START);
    expect(alarms).toEqual([
      { kind: 'information_request', subjectId: 'req-1', alarm: 'reminder_halfway', at: '2026-03-05T22:00:00.000Z' },
      { kind: 'information_request', subjectId: 'req-1', alarm: 'reminder_due_day', at: '2026-03-09T00:00:00.000Z' },
      { kind: 'information_request', subjectId: 'req-1', alarm: 'due', at: '2026-03-09T10:00:00.000Z' },
    ]);
  });

  it('starts three alarms per measure of an agreed plan', () => {
    const alarms = deadlinesOf(
      'MitigationPlanAgreed',
      {
        planId: 'plan-1',
        measures: [
          { measureId: 'm-1', measure: 'MIT-03', dueAt: '2026-03-16T10:00:00.000Z' },
          { measureId: 'm-2', measure: 'MIT-07', dueAt: '2026-04-01T10:00:00.000Z' },
        ],
      },
      START,
    );
    expect(alarms.map((alarm) => [alarm.subjectId, alarm.alarm])).toEqual([
      ['m-1', 'reminder_halfway'],
      ['m-1', 'reminder_due_day'],
      ['m-1', 'due'],
      ['m-2', 'reminder_halfway'],
      ['m-2', 'reminder_due_day'],
      ['m-2', 'due'],
    ]);
    expect(alarms.every((alarm) => alarm.kind === 'mitigation_measure')).toBe(true);
    expect(alarms[5].at).toBe('2026-04-01T10:00:00.000Z');
    expect(alarms[3].at).toBe('2026-03-17T10:00:00.000Z');
  });

  it('skips a measure without an id or a due time', () => {
    const alarms = deadlinesOf('MitigationPlanAgreed', { measures: [{ measureId: 'm-1' }, { dueAt: '2026-03-16T10:00:00.000Z' }, null] }, START);
    expect(alarms).toEqual([]);
  });

  it('starts nothing for unrelated events or incomplete payloads', () => {
    expect(deadlinesOf('CaseSubmitted', { escalationId: 'esc-1', dueAt: '2026-03-16T10:00:00.000Z' }, START)).toEqual([]);
    expect(deadlinesOf('AdviceReceived', { escalationId: 'esc-1' }, START)).toEqual([]);
    expect(deadlinesOf('EscalationRaised', { escalationId: 'esc-1' }, START)).toEqual([]);
    expect(deadlinesOf('InformationRequested', { dueAt: '2026-03-16T10:00:00.000Z' }, START)).toEqual([]);
  });

  it('starts only the due alarm when the due time is not after the start', () => {
    expect(deadlinesOf('EscalationRaised', { escalationId: 'esc-1', dueAt: START.toISOString() }, START)).toEqual([
      { kind: 'escalation', subjectId: 'esc-1', alarm: 'due', at: START.toISOString() },
    ]);
    expect(deadlinesOf('InformationRequested', { requestId: 'req-1', dueAt: '2026-03-01T10:00:00.000Z' }, START)).toEqual([
      { kind: 'information_request', subjectId: 'req-1', alarm: 'due', at: '2026-03-01T10:00:00.000Z' },
    ]);
  });
});

describe('soundAlarm: reminders', () => {
  it('sends one reminder for an open escalation and leaves the case unchanged', () => {
    const current = snapshot({ escalations: [escalation()] });
    const decision = soundAlarm(current, 'escalation', 'esc-1', 'reminder_halfway', NOW);
    expect(decision?.events).toEqual([
      {
        type: 'DeadlineReminderSent',
        payload: {
          caseVersion: 1,
          subjectKind: 'escalation',
          subjectId: 'esc-1',
          reminder: 'halfway',
          dueAt: '2026-03-16T10:00:00.000Z',
          target: 'national_advisor',
          advisorTenantId: 'advisor-tenant',
        },
      },
    ]);
    expect(decision?.next).toEqual(current);
  });

  it('names the due-day reminder of an information request', () => {
    const current = snapshot({ informationRequests: [informationRequest()] }, { state: 'in_review' });
    const decision = soundAlarm(current, 'information_request', 'req-1', 'reminder_due_day', NOW);
    expect(decision?.events).toHaveLength(1);
    expect(decision?.events[0]).toEqual({
      type: 'DeadlineReminderSent',
      payload: { caseVersion: 1, subjectKind: 'information_request', subjectId: 'req-1', reminder: 'due_day', dueAt: '2026-03-16T10:00:00.000Z' },
    });
    expect(decision?.next).toEqual(current);
  });

  it('reminds of a pending measure of the agreed plan, with its plan and catalogue id', () => {
    const current = snapshot({ mitigationPlan: plan() }, { state: 'monitoring' });
    const decision = soundAlarm(current, 'mitigation_measure', 'm-2', 'reminder_halfway', NOW);
    expect(decision?.events[0].payload).toEqual({
      caseVersion: 1,
      subjectKind: 'mitigation_measure',
      subjectId: 'm-2',
      reminder: 'halfway',
      dueAt: '2026-04-01T10:00:00.000Z',
      planId: 'plan-1',
      measure: 'MIT-07',
    });
    expect(decision?.next).toEqual(current);
  });
});

describe('soundAlarm: due', () => {
  it('marks an open escalation overdue', () => {
    const other = escalation({ id: 'esc-2', target: 'ethics_committee', advisorTenantId: null });
    const current = snapshot({ escalations: [escalation(), other] });
    const decision = soundAlarm(current, 'escalation', 'esc-1', 'due', NOW);
    expect(decision?.events).toEqual([
      {
        type: 'EscalationOverdue',
        payload: { caseVersion: 1, escalationId: 'esc-1', dueAt: '2026-03-16T10:00:00.000Z', target: 'national_advisor', advisorTenantId: 'advisor-tenant' },
      },
    ]);
    expect(decision?.next.workflow.escalations[0].overdueAt).toBe(NOW.toISOString());
    expect(decision?.next.workflow.escalations[1]).toEqual(other);
    expect(decision?.next.state).toBe('escalated');
    expect(current.workflow.escalations[0].overdueAt).toBeNull();
  });

  it('marks an open information request overdue', () => {
    const current = snapshot({ informationRequests: [informationRequest()] }, { state: 'in_review' });
    const decision = soundAlarm(current, 'information_request', 'req-1', 'due', NOW);
    expect(decision?.events).toEqual([
      { type: 'InformationRequestOverdue', payload: { caseVersion: 1, requestId: 'req-1', dueAt: '2026-03-16T10:00:00.000Z' } },
    ]);
    expect(decision?.next.workflow.informationRequests[0].overdueAt).toBe(NOW.toISOString());
  });

  it('marks a pending measure overdue', () => {
    const current = snapshot({ mitigationPlan: plan() }, { state: 'monitoring' });
    const decision = soundAlarm(current, 'mitigation_measure', 'm-1', 'due', NOW);
    expect(decision?.events).toEqual([
      {
        type: 'MeasureOverdue',
        payload: { caseVersion: 1, planId: 'plan-1', measureId: 'm-1', measure: 'MIT-03', strength: 'required', dueAt: '2026-04-01T10:00:00.000Z' },
      },
    ]);
    const measures = decision?.next.workflow.mitigationPlan?.measures ?? [];
    expect(measures.map((m) => m.overdueAt)).toEqual([NOW.toISOString(), null]);
  });
});

describe('soundAlarm: a deadline whose reason has gone does nothing', () => {
  it('ignores answered, withdrawn and unknown escalations', () => {
    const current = snapshot({ escalations: [escalation({ status: 'answered' }), escalation({ id: 'esc-2', status: 'withdrawn' })] });
    expect(soundAlarm(current, 'escalation', 'esc-1', 'due', NOW)).toBeNull();
    expect(soundAlarm(current, 'escalation', 'esc-1', 'reminder_halfway', NOW)).toBeNull();
    expect(soundAlarm(current, 'escalation', 'esc-2', 'reminder_due_day', NOW)).toBeNull();
    expect(soundAlarm(current, 'escalation', 'esc-9', 'due', NOW)).toBeNull();
  });

  it('ignores answered, withdrawn and unknown information requests', () => {
    const current = snapshot({ informationRequests: [informationRequest({ status: 'answered' }), informationRequest({ id: 'req-2', status: 'withdrawn' })] });
    expect(soundAlarm(current, 'information_request', 'req-1', 'due', NOW)).toBeNull();
    expect(soundAlarm(current, 'information_request', 'req-2', 'reminder_halfway', NOW)).toBeNull();
    expect(soundAlarm(current, 'information_request', 'req-9', 'due', NOW)).toBeNull();
  });

  it('ignores completed and unknown measures, measures of a plan not agreed, and a case without a plan', () => {
    const completed = snapshot({ mitigationPlan: plan({ measures: [measure({ status: 'completed' })] }) });
    expect(soundAlarm(completed, 'mitigation_measure', 'm-1', 'due', NOW)).toBeNull();
    expect(soundAlarm(completed, 'mitigation_measure', 'm-1', 'reminder_halfway', NOW)).toBeNull();
    expect(soundAlarm(snapshot({ mitigationPlan: plan() }), 'mitigation_measure', 'm-9', 'due', NOW)).toBeNull();
    const proposed = snapshot({ mitigationPlan: plan({ status: 'proposed', measures: [measure({ dueAt: null })] }) });
    expect(soundAlarm(proposed, 'mitigation_measure', 'm-1', 'due', NOW)).toBeNull();
    expect(soundAlarm(snapshot(), 'mitigation_measure', 'm-1', 'due', NOW)).toBeNull();
  });

  it('does not mark an already overdue subject overdue again, but still reminds', () => {
    const overdueAt = '2026-03-16T10:00:00.000Z';
    const current = snapshot({
      escalations: [escalation({ overdueAt })],
      informationRequests: [informationRequest({ overdueAt })],
      mitigationPlan: plan({ measures: [measure({ overdueAt })] }),
    });
    expect(soundAlarm(current, 'escalation', 'esc-1', 'due', NOW)).toBeNull();
    expect(soundAlarm(current, 'information_request', 'req-1', 'due', NOW)).toBeNull();
    expect(soundAlarm(current, 'mitigation_measure', 'm-1', 'due', NOW)).toBeNull();
    expect(soundAlarm(current, 'escalation', 'esc-1', 'reminder_due_day', NOW)?.events[0].type).toBe('DeadlineReminderSent');
  });

  it('does nothing on a withdrawn case', () => {
    const current = snapshot(
      { escalations: [escalation()], informationRequests: [informationRequest()], mitigationPlan: plan() },
      { state: 'withdrawn' },
    );
    expect(soundAlarm(current, 'escalation', 'esc-1', 'due', NOW)).toBeNull();
    expect(soundAlarm(current, 'escalation', 'esc-1', 'reminder_halfway', NOW)).toBeNull();
    expect(soundAlarm(current, 'information_request', 'req-1', 'due', NOW)).toBeNull();
    expect(soundAlarm(current, 'mitigation_measure', 'm-1', 'reminder_due_day', NOW)).toBeNull();
  });
});

describe('reminderTimes: a due time at midnight', () => {
  it('reminds at the start of the day before, not at the due time itself', () => {
    const { dueDay } = reminderTimes(new Date('2026-03-01T00:00:00.000Z'), new Date('2026-03-09T00:00:00.000Z'));
    expect(dueDay.toISOString()).toBe('2026-03-08T00:00:00.000Z');
  });
});
