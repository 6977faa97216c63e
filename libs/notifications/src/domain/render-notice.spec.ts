import { noticeAudiences } from '@ajar/cases';
import { NoticeEvent, renderNotice } from './render-notice';

const CASE_ID = '0190f1c2-7d3e-7000-8000-00000000ca5e';
const EVENT_ID = '0190f1c2-7d3e-7000-8000-0000000e0e01';
const DECISION_ID = '0190f1c2-7d3e-7000-8000-00000000dec1';
const ESCALATION_ID = '0190f1c2-7d3e-7000-8000-00000000e5c1';
const REQUEST_ID = '0190f1c2-7d3e-7000-8000-00000000a001';
const PLAN_ID = '0190f1c2-7d3e-7000-8000-00000000b001';
const MEASURE_ID = '0190f1c2-7d3e-7000-8000-00000000b002';
const APPEAL_ID = '0190f1c2-7d3e-7000-8000-00000000c001';
const KEY_ID = '0190f1c2-7d3e-7000-8000-00000000f001';

/** Free text and names as the case events carry them: none may reach a notice. */
const SECRET = {
  question: 'Is Dr Alice Liddell at Acme Photonics also advising the Ministry of Defence?',
  advice: 'Advice: Professor Bob Jones should withdraw from the project.',
  rationale: 'Rationale: Dr Carol Smith has undisclosed ties to Sample Photonics Limited.',
  response: 'Response from Dave Miller: the partner is a different company.',
  grounds: 'Grounds: Erin Brown believes the registration numbers differ.',
  evidence: 'Evidence: passport scan of Frank White attached.',
  condition: 'Condition: Grace Hopper reports annually to the board.',
  matchedName: 'Sample Photonics Ltd (Heidi Klum, director)',
  subject: 'personnel[0]: Ivan Petrov',
  reason: 'Reason: Judy Garland asked for it.',
};
const LEAKS = [...Object.values(SECRET), 'Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'passport', 'Acme'];

const at = new Date('2026-11-20T10:00:00.000Z');
const event = (type: string, payload: Record<string, unknown>): NoticeEvent => ({ id: EVENT_ID, type, caseId: CASE_ID, occurredAt: at, payload });

/** One realistic payload per notice type, with every free-text field the domain writes filled. */
const PAYLOADS: Record<string, Record<string, unknown>> = {
  InformationRequested: { caseVersion: 2, requestId: REQUEST_ID, question: SECRET.question, dueAt: '2026-12-04T10:00:00.000Z' },
  InformationRequestOverdue: { caseVersion: 2, requestId: REQUEST_ID, dueAt: '2026-12-04T10:00:00.000Z' },
  EscalationRaised: {
    caseVersion: 2,
    escalationId: ESCALATION_ID,
    target: 'ethics_committee',
    question: SECRET.question,
    advisorTenantId: null,
    recommendedBy: 'RS-E-001',
    ruleCodes: ['RS-T-004', 'RS-C-002'],
    dueAt: '2026-12-18T10:00:00.000Z',
  },
  AdviceReceived: { caseVersion: 2, escalationId: ESCALATION_ID, target: 'national_advisor', recommendation: 'do_not_proceed', advice: SECRET.advice, byTenantId: KEY_ID },
  EscalationOverdue: { caseVersion: 2, escalationId: ESCALATION_ID, target: 'legal', dueAt: '2026-12-18T10:00:00.000Z', advisorTenantId: null },
  MitigationPlanProposed: {
    caseVersion: 2,
    planId: PLAN_ID,
    measures: [{ id: MEASURE_ID, measure: 'MIT-03', strength: 'required', dueAt: '2027-01-01T00:00:00.000Z', note: SECRET.condition }],
    rationale: SECRET.rationale,
  },
  MeasureOverdue: { caseVersion: 2, planId: PLAN_ID, measureId: MEASURE_ID, measure: 'MIT-15', strength: 'required', dueAt: '2027-01-01T00:00:00.000Z' },
  DecisionProposed: { caseVersion: 2, decisionId: DECISION_ID, outcome: 'declined', reasonCodes: ['RS-T-002'], proposedBy: KEY_ID },
  DecisionRecorded: {
    caseVersion: 2,
    decisionId: DECISION_ID,
    outcome: 'not_eligible',
    reasonCodes: ['RS-L-001', 'RS-C-007'],
    rationale: SECRET.rationale,
    conditions: [SECRET.condition],
    approvers: [KEY_ID],
    assessmentId: KEY_ID,
    final: false,
    responseDueAt: '2026-11-27T10:00:00.000Z',
  },
  DecisionFinalised: { caseVersion: 2, decisionId: DECISION_ID, outcome: 'declined', appealDueAt: '2026-12-20T10:00:00.000Z' },
  AppealLodged: { caseVersion: 2, appealId: APPEAL_ID, decisionId: DECISION_ID, grounds: SECRET.grounds, evidence: SECRET.evidence },
  MonitoringAlertRaised: {
    caseVersion: 2,
    previousState: 'monitoring',
    listId: 'sanctions',
    listVersion: 7,
    hits: [{ rule: 'RS-C-001', subject: SECRET.subject, entryId: 'san-1', matchedName: SECRET.matchedName }],
  },
  ScreeningFailed: { caseVersion: 2, code: 'SCREENING.INDEX_BUILD_FAILED', message: `list entry ${SECRET.matchedName}: name is not a string`, attempts: 8 },
  DeadlineReminderSent: {
    caseVersion: 2,
    subjectKind: 'information_request',
    subjectId: REQUEST_ID,
    reminder: 'halfway',
    dueAt: '2026-12-04T10:00:00.000Z',
    response: SECRET.response,
    reason: SECRET.reason,
  },
};

describe('renderNotice', () => {
  it('has a payload here for every notice type noticeAudiences names, and a line of its own for each', () => {
    for (const type of Object.keys(PAYLOADS)) expect({ type, audiences: noticeAudiences(type, PAYLOADS[type]).length > 0 }).toEqual({ type, audiences: true });
    const headlines = Object.entries(PAYLOADS).map(([type, payload]) => renderNotice(event(type, payload)).text.split('\n')[0]);
    expect(new Set(headlines).size).toBe(headlines.length);
    expect(headlines).not.toContain('This case has changed.');
  });

  it('names the case, the event and the API path to read it, in subject and body', () => {
    for (const [type, payload] of Object.entries(PAYLOADS)) {
      const notice = renderNotice(event(type, payload));
      expect(notice.subject).toContain(CASE_ID);
      expect(notice.text).toContain(`Case: ${CASE_ID}`);
      expect(notice.text).toContain(`${type} (${EVENT_ID})`);
      expect(notice.text).toContain(`GET /v1/cases/${CASE_ID}`);
      expect(notice.subject).not.toMatch(/[\r\n]/);
    }
  });

  it('never copies free text or a name: question, advice, rationale, conditions, response, grounds, evidence, matched names', () => {
    for (const [type, payload] of Object.entries(PAYLOADS)) {
      const notice = renderNotice(event(type, payload));
      for (const leak of LEAKS) {
        expect({ type, leak, inSubject: notice.subject.includes(leak), inText: notice.text.includes(leak) }).toEqual({ type, leak, inSubject: false, inText: false });
      }
    }
  });

  it('prints a code-named field only when it holds a code: a sentence in `outcome` or `target` is dropped', () => {
    const notice = renderNotice(event('DecisionRecorded', { outcome: SECRET.rationale, target: 'Dr Alice Liddell', reasonCodes: ['RS-T-002', SECRET.reason], decisionId: 'Alice' }));
    for (const leak of LEAKS) expect(notice.text).not.toContain(leak);
    expect(notice.text).toContain('Reason codes: RS-T-002');
    expect(notice.text).not.toContain('Outcome:');
    expect(notice.text).not.toContain('Escalated to:');
  });

  it('states the due times, outcome and codes a reader acts on', () => {
    const recorded = renderNotice(event('DecisionRecorded', PAYLOADS.DecisionRecorded)).text;
    expect(recorded).toContain('Outcome: not_eligible');
    expect(recorded).toContain('Reason codes: RS-L-001, RS-C-007');
    expect(recorded).toContain('Response due: 2026-11-27T10:00:00.000Z');
    expect(recorded).toContain(`Decision: ${DECISION_ID}`);

    expect(renderNotice(event('DecisionFinalised', PAYLOADS.DecisionFinalised)).text).toContain('Appeal due: 2026-12-20T10:00:00.000Z');
    const escalation = renderNotice(event('EscalationRaised', PAYLOADS.EscalationRaised)).text;
    expect(escalation).toContain('Escalated to: ethics_committee');
    expect(escalation).toContain('Rule codes: RS-T-004, RS-C-002');
    expect(escalation).toContain('Due: 2026-12-18T10:00:00.000Z');
    const measure = renderNotice(event('MeasureOverdue', PAYLOADS.MeasureOverdue)).text;
    expect(measure).toContain(`Measure: ${MEASURE_ID}`);
    expect(measure).toContain('Measure code: MIT-15');
    const alert = renderNotice(event('MonitoringAlertRaised', PAYLOADS.MonitoringAlertRaised)).text;
    expect(alert).toContain('Reference list: sanctions');
    expect(alert).toContain('List version: 7');
    expect(alert).toContain('Hit rules: RS-C-001');
    const failed = renderNotice(event('ScreeningFailed', PAYLOADS.ScreeningFailed));
    expect(failed.subject).toBe(`[Ajar] Screening failed: case ${CASE_ID}`);
    expect(failed.text).toContain('Failure code: SCREENING.INDEX_BUILD_FAILED');
    expect(failed.text).toContain('Attempts: 8');
    const reminder = renderNotice(event('DeadlineReminderSent', PAYLOADS.DeadlineReminderSent));
    expect(reminder.subject).toBe(`[Ajar] Reminder: case ${CASE_ID}`);
    expect(reminder.text).toContain('Due answer for: information_request');
    expect(reminder.text).toContain('Due: 2026-12-04T10:00:00.000Z');
  });

  it('is plain ASCII and deterministic', () => {
    for (const [type, payload] of Object.entries(PAYLOADS)) {
      const notice = renderNotice(event(type, payload));
      expect(notice).toEqual(renderNotice(event(type, payload)));
      // eslint-disable-next-line no-control-regex
      expect(notice.text).toMatch(/^[\x0a\x20-\x7e]*$/);
    }
  });
});
