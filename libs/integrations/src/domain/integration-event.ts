/**
 * Integration events: what leaves Ajar on the wire (webhooks, notices). Each is a domain event
 * reduced to ids, states, levels and codes — never disclosure content, names or free text, which
 * stay in PostgreSQL behind the API's roles.
 */

export interface EventForIntegration {
  id: string;
  streamType: string;
  streamId: string;
  streamVersion: number;
  type: string;
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
  occurredAt: Date;
}

export interface IntegrationEvent {
  /** The wire name, e.g. `case.submitted.v1`. */
  type: string;
  /** The event it comes from: one message per event, so also the message id. */
  eventId: string;
  timestamp: string;
  data: Record<string, unknown>;
}

type Scalar = string | number | boolean | null;
type Extract = (payload: Record<string, unknown>) => Record<string, unknown>;

/** Copies the named fields that hold codes, ids, levels or flags; nothing else crosses. */
function fields(...names: string[]): Extract {
  return (payload) => {
    const picked: Record<string, unknown> = {};
    for (const name of names) {
      const value = payload[name];
      if (value === undefined) continue;
      picked[name] = value;
    }
    return picked;
  };
}

function content(payload: Record<string, unknown>): Record<string, unknown> {
  const value = payload.content;
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function scalar(value: unknown): Scalar | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : undefined;
}

/** Routing keys an integrator sets itself (its own reference, the call): safe to echo back. */
function caseReferences(payload: Record<string, unknown>): Record<string, unknown> {
  const { callId, externalRef, kind } = content(payload);
  const references: Record<string, unknown> = {};
  if (scalar(callId) !== undefined) references.callId = callId;
  if (scalar(externalRef) !== undefined) references.externalRef = externalRef;
  if (scalar(kind) !== undefined) references.kind = kind;
  return references;
}

const CASE_EVENTS: Record<string, { wire: string; extract: Extract }> = {
  CaseSubmitted: { wire: 'case.submitted.v1', extract: caseReferences },
  CaseAmended: { wire: 'case.amended.v1', extract: (payload) => ({ ...caseReferences(payload), ...fields('previousState')(payload) }) },
  CaseWithdrawn: { wire: 'case.withdrawn.v1', extract: fields('previousState') },
  DisclosureRequested: {
    wire: 'case.disclosure_requested.v1',
    extract: (payload) => ({ personRefs: Array.isArray(payload.personRefs) ? payload.personRefs.filter((ref) => typeof ref === 'string') : [] }),
  },
  DisclosureFiled: { wire: 'case.disclosure_filed.v1', extract: fields('personRef') },
  DisclosuresCompleted: { wire: 'case.disclosures_completed.v1', extract: fields() },
  ScreeningRequested: { wire: 'case.screening_requested.v1', extract: fields() },
  ScreeningCompleted: {
    wire: 'case.screening_completed.v1',
    extract: fields('assessmentId', 'level', 'route', 'research', 'counterparty', 'integrity', 'ruleCodes', 'escalationTargets', 'ineligibilityProposed', 'policy', 'referenceLists', 'pendingListHits'),
  },
  // The code and the attempts; the error message stays in the case (it may quote list data).
  ScreeningFailed: { wire: 'case.screening_failed.v1', extract: fields('code', 'attempts') },
  ListHitAdjudicated: { wire: 'case.list_hit_adjudicated.v1', extract: fields('hitId', 'rule', 'listId', 'entryId', 'decision') },
  MonitoringAlertRaised: {
    wire: 'case.monitoring_alert_raised.v1',
    extract: (payload) => ({
      ...fields('previousState', 'listId', 'listVersion', 'reason')(payload),
      ruleCodes: Array.isArray(payload.hits)
        ? [...new Set(payload.hits.map((hit) => (hit as { rule?: unknown }).rule).filter((rule): rule is string => typeof rule === 'string'))]
        : [],
    }),
  },
  ReviewAssigned: { wire: 'case.review_assigned.v1', extract: fields('reviewerKeyId') },
  InformationRequested: { wire: 'case.information_requested.v1', extract: fields('requestId', 'dueAt') },
  ApplicantResponded: { wire: 'case.applicant_responded.v1', extract: fields('requestId', 'decisionId') },
  SecurityApplicationJudged: { wire: 'case.security_judgement_recorded.v1', extract: fields('rule', 'foreseeableApplication') },
  DecisionProposed: { wire: 'case.decision_proposed.v1', extract: fields('decisionId', 'outcome', 'reasonCodes') },
  DecisionFinalised: { wire: 'case.decision_finalised.v1', extract: fields('decisionId', 'outcome', 'appealDueAt') },
  EscalationRaised: { wire: 'case.escalation_raised.v1', extract: fields('escalationId', 'target', 'dueAt', 'ruleCodes') },
  AdviceReceived: { wire: 'case.advice_received.v1', extract: fields('escalationId', 'target', 'recommendation') },
  EscalationWithdrawn: { wire: 'case.escalation_withdrawn.v1', extract: fields('escalationId', 'target') },
  InformationRequestOverdue: { wire: 'case.information_request_overdue.v1', extract: fields('requestId', 'dueAt') },
  DeadlineReminderSent: { wire: 'case.deadline_reminder.v1', extract: fields('subjectKind', 'subjectId', 'reminder', 'dueAt') },
  ChangeOfCircumstancesReported: { wire: 'case.change_of_circumstances_reported.v1', extract: fields('kinds') },
  EscalationOverdue: { wire: 'case.escalation_overdue.v1', extract: fields('escalationId', 'target', 'dueAt') },
  MitigationPlanProposed: { wire: 'case.mitigation_plan_proposed.v1', extract: fields('planId') },
  MitigationPlanAgreed: { wire: 'case.mitigation_plan_agreed.v1', extract: fields('planId') },
  MeasureCompleted: { wire: 'case.measure_completed.v1', extract: fields('planId', 'measureId', 'measure', 'late') },
  MeasureOverdue: { wire: 'case.measure_overdue.v1', extract: fields('planId', 'measureId', 'dueAt') },
  DecisionRecorded: { wire: 'case.decision_recorded.v1', extract: fields('decisionId', 'outcome', 'reasonCodes', 'assessmentId', 'final', 'responseDueAt', 'appealDueAt') },
  AppealLodged: { wire: 'case.appeal_lodged.v1', extract: fields('appealId', 'decisionId') },
  AppealDecided: { wire: 'case.appeal_decided.v1', extract: fields('appealId', 'decisionId', 'outcome') },
};

const ENDPOINT_EVENTS: Record<string, { wire: string; extract: Extract }> = {
  WebhookEndpointDisabled: { wire: 'webhook.endpoint_disabled.v1', extract: fields('reason', 'lastStatus') },
};

/** Every wire type an endpoint may subscribe to. */
export const INTEGRATION_EVENT_TYPES: readonly string[] = [...Object.values(CASE_EVENTS), ...Object.values(ENDPOINT_EVENTS)].map((entry) => entry.wire).sort();

/** The stream types the translation reads (the fan-out skips other streams' events). */
export const INTEGRATION_STREAM_TYPES = ['case', 'webhook-endpoint'] as const;

/** The integration event for a stored event, or null if it is internal (not on the wire). */
export function toIntegrationEvent(event: EventForIntegration): IntegrationEvent | null {
  const occurredAt = event.occurredAt.toISOString();
  if (event.streamType === 'case') {
    // Own keys only: a type such as "constructor" must not find Object.prototype's.
    const mapping = Object.hasOwn(CASE_EVENTS, event.type) ? CASE_EVENTS[event.type] : undefined;
    if (!mapping) return null;
    const state = scalar(event.metadata.caseState);
    return {
      type: mapping.wire,
      eventId: event.id,
      timestamp: occurredAt,
      data: {
        caseId: event.streamId,
        // The case stream's version: gap-free and increasing per case, so receivers can order.
        sequence: event.streamVersion,
        ...(typeof event.payload.caseVersion === 'number' ? { caseVersion: event.payload.caseVersion } : {}),
        ...(typeof state === 'string' ? { state } : {}),
        ...mapping.extract(event.payload),
      },
    };
  }
  if (event.streamType === 'webhook-endpoint') {
    const mapping = Object.hasOwn(ENDPOINT_EVENTS, event.type) ? ENDPOINT_EVENTS[event.type] : undefined;
    if (!mapping) return null;
    return {
      type: mapping.wire,
      eventId: event.id,
      timestamp: occurredAt,
      data: { endpointId: event.streamId, sequence: event.streamVersion, ...mapping.extract(event.payload) },
    };
  }
  return null;
}

/** Whether an endpoint's filter takes this type: no filter takes all. */
export function subscribes(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.length === 0 || eventTypes.includes(type);
}

/** The exact bytes sent and signed: serialised once, stored, re-sent unchanged on every retry. */
export function webhookBody(event: IntegrationEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
}

/** The Standard Webhooks `webhook-id`: stable across retries and replays of one message. */
export function webhookId(messageId: string): string {
  return `msg_${messageId.replace(/-/g, '')}`;
}

const WEBHOOK_ID = /^msg_([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/i;
const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The message id a path names: the internal UUID, or the `webhook-id` a receiver was given
 * (`msg_` and the 32 hex digits of that UUID). Anything else is `undefined`.
 */
export function messageIdOf(id: string): string | undefined {
  if (MESSAGE_ID.test(id)) return id.toLowerCase();
  const parts = WEBHOOK_ID.exec(id);
  return parts ? parts.slice(1).join('-').toLowerCase() : undefined;
}
