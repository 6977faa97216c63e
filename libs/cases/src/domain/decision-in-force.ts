/**
 * Which decision of a case is in force, pure: the approvers' decision record once it is recorded
 * (a proposal awaiting its second approver is not a decision), else the fast lane's system decision
 * while the case stays cleared, else none — never decided, or set aside (overturned on appeal,
 * review re-opened) with no new decision recorded yet.
 */
import type { CaseState } from './case-state';
import type { CaseWorkflow, DecisionOutcome, DecisionRecord } from './case-workflow';

/** A stored case event the rule reads: decisions, appeal results and monitoring alerts. */
export interface DecisionHistoryEvent {
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** The event types `decisionInForce` and `earlierDecisionEnds` read. */
export const DECISION_HISTORY_EVENTS: readonly string[] = ['DecisionRecorded', 'AppealDecided', 'MonitoringAlertRaised'];

export type DecisionInForce =
  | { decidedBy: 'approvers'; record: DecisionRecord & { recordedAt: string; status: 'response_window' | 'final' } }
  | {
      decidedBy: 'system';
      outcome: DecisionOutcome;
      caseVersion: number;
      assessmentId: string;
      rationale: string;
      reasonCodes: string[];
      /** When the system decided: proposed, recorded and final at once. */
      at: string;
    }
  | { decidedBy: null; why: 'none' | 'awaiting_second_approval' | 'superseded' };

/**
 * Whether the rule needs the case's decision events: only the fast lane's decision lives there
 * (it has no decision record), and how earlier decisions ended.
 */
export function decisionHistoryNeeded(workflow: CaseWorkflow): boolean {
  return workflow.decision === null || workflow.earlierDecisions.length > 0;
}

export function decisionInForce(state: CaseState, workflow: CaseWorkflow, events: readonly DecisionHistoryEvent[]): DecisionInForce {
  const decision = workflow.decision;
  if (decision) {
    if (decision.status === 'awaiting_second_approval' || decision.recordedAt === null) return { decidedBy: null, why: 'awaiting_second_approval' };
    return { decidedBy: 'approvers', record: { ...decision, recordedAt: decision.recordedAt, status: decision.status } };
  }
  // The fast lane (RS-F-006) records the system's decision as an event only; it holds while the
  // case is `cleared`, and while a change of circumstances is screened to return there. A
  // monitoring alert that re-opens review ends it.
  const holds = state === 'cleared' || workflow.rescreen?.returnTo === 'cleared';
  const system = holds ? [...events].reverse().find((event) => event.type === 'DecisionRecorded' && event.payload.decidedBy === 'system') : undefined;
  if (system) {
    const payload = system.payload;
    return {
      decidedBy: 'system',
      outcome: payload.outcome as DecisionOutcome,
      caseVersion: Number(payload.caseVersion),
      assessmentId: String(payload.assessmentId),
      rationale: typeof payload.rationale === 'string' ? payload.rationale : '',
      reasonCodes: Array.isArray(payload.reasonCodes) ? payload.reasonCodes.map(String) : [],
      at: system.occurredAt.toISOString(),
    };
  }
  const decidedBefore = workflow.earlierDecisions.length > 0 || events.some((event) => event.type === 'DecisionRecorded');
  return { decidedBy: null, why: decidedBefore ? 'superseded' : 'none' };
}

export interface EarlierDecisionEnd {
  how: 'overturned_on_appeal' | 'review_reopened';
  at: string;
}

/**
 * How each earlier decision stopped being in force: an appeal that overturned it, or else the
 * first monitoring alert (list change, change of circumstances) after it was recorded, which
 * re-opened review and set it aside. Null when the record does not say.
 */
export function earlierDecisionEnds(
  earlier: readonly Pick<DecisionRecord, 'id' | 'proposedAt' | 'recordedAt' | 'finalAt'>[],
  events: readonly DecisionHistoryEvent[],
): (EarlierDecisionEnd | null)[] {
  const overturned = new Map(
    events
      .filter((event) => event.type === 'AppealDecided' && event.payload.outcome === 'overturned')
      .map((event) => [String(event.payload.decisionId), event.occurredAt.toISOString()]),
  );
  const alerts = events.filter((event) => event.type === 'MonitoringAlertRaised').map((event) => event.occurredAt.toISOString());
  return earlier.map((decision) => {
    const appealed = overturned.get(decision.id);
    if (appealed) return { how: 'overturned_on_appeal', at: appealed };
    const inForce = decision.finalAt ?? decision.recordedAt ?? decision.proposedAt;
    const alert = alerts.find((at) => at >= inForce);
    return alert ? { how: 'review_reopened', at: alert } : null;
  });
}
