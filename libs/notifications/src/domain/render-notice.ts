/**
 * The text of a notice e-mail, from the stored case event alone. Pure: no I/O, no clock.
 *
 * A notice says what happened, on which case, by when something is due, and where to read it in
 * the API. It carries ids, codes and dates only: never a question, advice, rationale, response,
 * grounds, evidence, condition, name or any other free text of the payload. Mail leaves the
 * system's access control, so the reader follows the path and authenticates to see the rest.
 * Every value is taken from a field known to hold an id, a code or a date, and is printed only
 * if it has that shape; anything else is left out.
 */
export interface NoticeEvent {
  id: string;
  type: string;
  /** The case (the event's stream). */
  caseId: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

export interface RenderedNotice {
  subject: string;
  text: string;
}

const HEADLINES: Readonly<Record<string, string>> = {
  InformationRequested: 'The reviewer has asked the applicant for information on this case.',
  InformationRequestOverdue: 'A request for information to the applicant has not been answered by its due time.',
  EscalationRaised: 'A question on this case has been escalated for advice.',
  AdviceReceived: 'Advice has been given on an escalation of this case.',
  EscalationOverdue: 'An escalation of this case has not been answered by its due time.',
  MitigationPlanProposed: 'A mitigation plan has been proposed for this case.',
  MeasureOverdue: 'A mitigation measure of this case is overdue.',
  DecisionProposed: 'A decision has been proposed on this case and awaits a second approver.',
  DecisionRecorded: 'A decision has been recorded on this case.',
  DecisionFinalised: 'The decision on this case is final.',
  AppealLodged: 'The applicant has appealed the decision on this case.',
  MonitoringAlertRaised: 'Monitoring found a new reference-list hit for this case; it is being screened again.',
  ScreeningFailed: 'Screening of this case failed after every attempt; it waits for an rso or admin to fix the cause and screen it again.',
  DeadlineReminderSent: 'Reminder: an answer on this case is due.',
};

const SUBJECTS: Readonly<Record<string, string>> = {
  InformationRequested: 'Information requested',
  InformationRequestOverdue: 'Information request overdue',
  EscalationRaised: 'Escalation raised',
  AdviceReceived: 'Advice received',
  EscalationOverdue: 'Escalation overdue',
  MitigationPlanProposed: 'Mitigation plan proposed',
  MeasureOverdue: 'Mitigation measure overdue',
  DecisionProposed: 'Decision awaiting second approval',
  DecisionRecorded: 'Decision recorded',
  DecisionFinalised: 'Decision final',
  AppealLodged: 'Appeal lodged',
  MonitoringAlertRaised: 'Monitoring alert',
  ScreeningFailed: 'Screening failed',
  DeadlineReminderSent: 'Reminder',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A code: one token of letters, digits and `_ . : -`, never a sentence. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** Labelled ids, printed when they are UUIDs. */
const ID_FIELDS: readonly [string, string][] = [
  ['decisionId', 'Decision'],
  ['escalationId', 'Escalation'],
  ['requestId', 'Information request'],
  ['planId', 'Mitigation plan'],
  ['measureId', 'Measure'],
  ['appealId', 'Appeal'],
  ['subjectId', 'About'],
];

/** Labelled codes, printed when they are single tokens. */
const CODE_FIELDS: readonly [string, string][] = [
  ['outcome', 'Outcome'],
  ['target', 'Escalated to'],
  ['recommendation', 'Recommendation'],
  ['recommendedBy', 'Recommended by rule'],
  ['measure', 'Measure code'],
  ['strength', 'Measure strength'],
  ['subjectKind', 'Due answer for'],
  ['reminder', 'Reminder'],
  ['listId', 'Reference list'],
  ['code', 'Failure code'],
];

/** Labelled lists of codes (rule and reason codes). */
const CODE_LIST_FIELDS: readonly [string, string][] = [
  ['reasonCodes', 'Reason codes'],
  ['ruleCodes', 'Rule codes'],
];

/** Labelled due times, printed as ISO 8601 when they are dates. */
const TIME_FIELDS: readonly [string, string][] = [
  ['dueAt', 'Due'],
  ['responseDueAt', 'Response due'],
  ['appealDueAt', 'Appeal due'],
];

function id(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;
}

function code(value: unknown): string | undefined {
  return typeof value === 'string' && CODE.test(value) ? value : undefined;
}

function codes(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.map(code).filter((entry): entry is string => entry !== undefined))];
}

function time(value: unknown): string | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** Subject and plain text of the notice for one stored case event. */
export function renderNotice(event: NoticeEvent): RenderedNotice {
  const caseId = id(event.caseId) ?? 'unknown';
  const payload = event.payload;
  const headline = HEADLINES[event.type] ?? 'This case has changed.';
  const lines: string[] = [headline, ''];
  const field = (label: string, value: string): void => {
    lines.push(`${label}: ${value}`);
  };

  field('Case', caseId);
  field('Event', `${code(event.type) ?? 'unknown'} (${id(event.id) ?? 'unknown'})`);
  const occurredAt = time(event.occurredAt);
  if (occurredAt) field('At', occurredAt);
  for (const [key, label] of ID_FIELDS) {
    const value = id(payload[key]);
    if (value) field(label, value);
  }
  for (const [key, label] of CODE_FIELDS) {
    const value = code(payload[key]);
    if (value) field(label, value);
  }
  if (typeof payload.listVersion === 'number' && Number.isInteger(payload.listVersion)) field('List version', String(payload.listVersion));
  if (typeof payload.attempts === 'number' && Number.isInteger(payload.attempts)) field('Attempts', String(payload.attempts));
  for (const [key, label] of CODE_LIST_FIELDS) {
    const values = codes(payload[key]);
    if (values.length > 0) field(label, values.join(', '));
  }
  if (Array.isArray(payload.hits)) {
    const rules = codes(payload.hits.map((hit: unknown) => (hit !== null && typeof hit === 'object' ? (hit as Record<string, unknown>).rule : undefined)));
    field('New hits', String(payload.hits.length));
    if (rules.length > 0) field('Hit rules', rules.join(', '));
  }
  if (Array.isArray(payload.measures)) field('Measures', String(payload.measures.length));
  if (typeof payload.final === 'boolean') field('Final', payload.final ? 'yes' : 'no, the applicant may respond first');
  for (const [key, label] of TIME_FIELDS) {
    const value = time(payload[key]);
    if (value) field(label, value);
  }

  lines.push(
    '',
    `Read the case: GET /v1/cases/${caseId}`,
    `Its timeline: GET /v1/cases/${caseId}/events`,
    '',
    'This notice carries ids, codes and dates only; the details are in Ajar, behind your API key.',
  );
  const subject = `[Ajar] ${SUBJECTS[event.type] ?? 'Case update'}: case ${caseId}`;
  return { subject, text: `${lines.join('\n')}\n` };
}
