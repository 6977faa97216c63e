/**
 * Durable deadlines, pure: which due times an event starts, when its reminders go, and what an
 * alarm does when it goes off. Every alarm re-checks the case first: a deadline whose reason has
 * gone (answered, completed, withdrawn, superseded) does nothing.
 */
import type { Decision, CaseEvent, CaseSnapshot } from './case-lifecycle';
import { DAY_MS } from './case-state';
import type { CaseWorkflow } from './case-workflow';

export const DEADLINE_KINDS = ['decision_response_window', 'escalation', 'information_request', 'mitigation_measure'] as const;
export type CaseDeadlineKind = (typeof DEADLINE_KINDS)[number];
/** Reminders at half the time and on the due day, then the due time itself. */
export const DEADLINE_ALARMS = ['reminder_halfway', 'reminder_due_day', 'due'] as const;
export type DeadlineAlarm = (typeof DEADLINE_ALARMS)[number];

export interface DeadlineAlarmSpec {
  kind: CaseDeadlineKind;
  subjectId: string;
  alarm: DeadlineAlarm;
  /** When the alarm goes off (ISO). */
  at: string;
}


/**
 * The halfway reminder falls at half the time; the due-day reminder at the start of the due day
 * (UTC), or at three quarters of the time when the due day starts before the halfway point (a
 * short deadline).
 */
export function reminderTimes(startAt: Date, dueAt: Date): { halfway: Date; dueDay: Date } {
  const span = dueAt.getTime() - startAt.getTime();
  const halfway = new Date(startAt.getTime() + span / 2);
  // The instant just before the due time names its day: a due time at 00:00 belongs to the day before.
  const dayStart = Math.floor((dueAt.getTime() - 1) / DAY_MS) * DAY_MS;
  const dueDay = dayStart > halfway.getTime() ? new Date(dayStart) : new Date(startAt.getTime() + (span * 3) / 4);
  return { halfway, dueDay };
}

function withReminders(kind: CaseDeadlineKind, subjectId: string, startAt: Date, dueAtIso: string): DeadlineAlarmSpec[] {
  const dueAt = new Date(dueAtIso);
  if (Number.isNaN(dueAt.getTime()) || dueAt <= startAt) return [{ kind, subjectId, alarm: 'due', at: dueAtIso }];
  const { halfway, dueDay } = reminderTimes(startAt, dueAt);
  return [
    { kind, subjectId, alarm: 'reminder_halfway', at: halfway.toISOString() },
    { kind, subjectId, alarm: 'reminder_due_day', at: dueDay.toISOString() },
    { kind, subjectId, alarm: 'due', at: dueAt.toISOString() },
  ];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The alarms a stored event starts. */
export function deadlinesOf(type: string, payload: Record<string, unknown>, occurredAt: Date): DeadlineAlarmSpec[] {
  if (type === 'DecisionRecorded') {
    const decisionId = text(payload.decisionId);
    const dueAt = text(payload.responseDueAt);
    // The response window closes once; the applicant is told by the decision notice itself.
    return decisionId && dueAt ? [{ kind: 'decision_response_window', subjectId: decisionId, alarm: 'due', at: dueAt }] : [];
  }
  if (type === 'EscalationRaised') {
    const id = text(payload.escalationId);
    const dueAt = text(payload.dueAt);
    return id && dueAt ? withReminders('escalation', id, occurredAt, dueAt) : [];
  }
  if (type === 'InformationRequested') {
    const id = text(payload.requestId);
    const dueAt = text(payload.dueAt);
    return id && dueAt ? withReminders('information_request', id, occurredAt, dueAt) : [];
  }
  if (type === 'MitigationPlanAgreed' && Array.isArray(payload.measures)) {
    return payload.measures.flatMap((measure: unknown) => {
      const { measureId, dueAt } = (measure ?? {}) as Record<string, unknown>;
      const id = text(measureId);
      const due = text(dueAt);
      return id && due ? withReminders('mitigation_measure', id, occurredAt, due) : [];
    });
  }
  return [];
}

function withWorkflow(current: CaseSnapshot, workflow: Partial<CaseWorkflow>): CaseSnapshot {
  return { ...current, workflow: { ...current.workflow, ...workflow } };
}

/**
 * An escalation, information request or measure alarm goes off: a reminder, or at the due time
 * `EscalationOverdue` / `InformationRequestOverdue` / `MeasureOverdue` (each a notice to the
 * approver). Null when the reason has gone: the subject is answered, completed, withdrawn or
 * replaced, or the case withdrawn. The response window has its own path (`finaliseDecision`).
 */
export function soundAlarm(current: CaseSnapshot, kind: Exclude<CaseDeadlineKind, 'decision_response_window'>, subjectId: string, alarm: DeadlineAlarm, now: Date): Decision | null {
  if (current.state === 'withdrawn') return null;
  const at = now.toISOString();
  const reminder = (dueAt: string, extra: Record<string, unknown>): Decision => ({
    events: [{ type: 'DeadlineReminderSent', payload: { caseVersion: current.caseVersion, subjectKind: kind, subjectId, reminder: alarm === 'reminder_halfway' ? 'halfway' : 'due_day', dueAt, ...extra } }],
    next: current,
  });
  if (kind === 'escalation') {
    const escalation = current.workflow.escalations.find((candidate) => candidate.id === subjectId);
    if (!escalation || escalation.status !== 'open') return null;
    const about = { target: escalation.target, advisorTenantId: escalation.advisorTenantId };
    if (alarm !== 'due') return reminder(escalation.dueAt, about);
    if (escalation.overdueAt !== null) return null;
    const overdue: CaseEvent = { type: 'EscalationOverdue', payload: { caseVersion: current.caseVersion, escalationId: subjectId, dueAt: escalation.dueAt, ...about } };
    return {
      events: [overdue],
      next: withWorkflow(current, { escalations: current.workflow.escalations.map((e) => (e.id === subjectId ? { ...e, overdueAt: at } : e)) }),
    };
  }
  if (kind === 'information_request') {
    const request = current.workflow.informationRequests.find((candidate) => candidate.id === subjectId);
    if (!request || request.status !== 'open') return null;
    if (alarm !== 'due') return reminder(request.dueAt, {});
    if (request.overdueAt !== null) return null;
    return {
      events: [{ type: 'InformationRequestOverdue', payload: { caseVersion: current.caseVersion, requestId: subjectId, dueAt: request.dueAt } }],
      next: withWorkflow(current, { informationRequests: current.workflow.informationRequests.map((r) => (r.id === subjectId ? { ...r, overdueAt: at } : r)) }),
    };
  }
  const plan = current.workflow.mitigationPlan;
  const measure = plan?.status === 'agreed' ? plan.measures.find((candidate) => candidate.id === subjectId) : undefined;
  if (!plan || !measure || measure.status !== 'pending' || measure.dueAt === null) return null;
  if (alarm !== 'due') return reminder(measure.dueAt, { planId: plan.id, measure: measure.measure });
  if (measure.overdueAt !== null) return null;
  return {
    events: [{ type: 'MeasureOverdue', payload: { caseVersion: current.caseVersion, planId: plan.id, measureId: subjectId, measure: measure.measure, strength: measure.strength, dueAt: measure.dueAt } }],
    next: withWorkflow(current, {
      mitigationPlan: { ...plan, measures: plan.measures.map((m) => (m.id === subjectId ? { ...m, overdueAt: at } : m)) },
    }),
  };
}
