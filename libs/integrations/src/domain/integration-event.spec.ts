import { EventForIntegration, INTEGRATION_EVENT_TYPES, messageIdOf, subscribes, toIntegrationEvent, webhookBody, webhookId } from './integration-event';

const CASE_ID = '0190f1c2-7d3e-7000-8000-00000000c45e';
const EVENT_ID = '0190f1c2-7d3e-7000-8000-0000000e0e01';
const OCCURRED_AT = new Date('2026-11-22T10:00:00.123Z');

function caseEvent(type: string, payload: Record<string, unknown>, overrides: Partial<EventForIntegration> = {}): EventForIntegration {
  return {
    id: EVENT_ID,
    streamType: 'case',
    streamId: CASE_ID,
    streamVersion: 3,
    type,
    payload,
    metadata: { caseState: 'screening', correlationId: 'corr-1', actorKeyId: 'key-1' },
    occurredAt: OCCURRED_AT,
    ...overrides,
  };
}

/** Personal content as a case submission carries it: none of it may reach the wire. */
const PERSONAL = {
  title: 'Photonic quantum sensors for medical imaging',
  abstract: 'Joint work on room-temperature quantum sensors.',
  partners: [{ name: 'Acme Photonics B.V.', country: 'NL', type: 'company' }],
  personnel: [
    {
      ref: 'p1',
      name: 'Dr. Jane Researcher',
      role: 'pi',
      disclosure: { affiliations: [{ organisation: { name: 'Delft University of Technology', country: 'NL' } }], talentProgrammes: ['Thousand Talents'] },
    },
  ],
};

const DISCLOSURE = {
  affiliations: [{ organisation: { name: 'Delft University of Technology', country: 'NL' }, type: 'employment', paid: true }],
  supportSources: [{ sponsor: { name: 'Dutch Research Council', country: 'NL' }, amount: 250000 }],
  talentProgrammes: ['Thousand Talents'],
  certified: true,
};

/** Words of that content, and the keys that would carry it (`"disclosure"`, not the type name `disclosure_filed`). */
const FORBIDDEN = /Researcher|Photonic|Delft|Acme|Talents|Dutch Research|"abstract"|"personnel"|"disclosure"|"title"|"partners"|matchedName|Sanctioned Person/i;

describe('toIntegrationEvent', () => {
  it('reduces CaseSubmitted to ids, sequence, version, state and the integrator\'s own references', () => {
    const event = toIntegrationEvent(
      caseEvent(
        'CaseSubmitted',
        {
          caseId: CASE_ID,
          caseVersion: 1,
          content: { ...PERSONAL, kind: 'collaboration', externalRef: 'GMS-2026-0042', callId: '0190f1c2-7d3e-7000-8000-0000000ca11d' },
        },
        { streamVersion: 1 },
      ),
    );
    expect(event).toEqual({
      type: 'case.submitted.v1',
      eventId: EVENT_ID,
      timestamp: '2026-11-22T10:00:00.123Z',
      data: {
        caseId: CASE_ID,
        sequence: 1,
        caseVersion: 1,
        state: 'screening',
        callId: '0190f1c2-7d3e-7000-8000-0000000ca11d',
        externalRef: 'GMS-2026-0042',
        kind: 'collaboration',
      },
    });
    expect(JSON.stringify(event)).not.toMatch(FORBIDDEN);
    // Metadata beyond the case state (correlation, actor) stays inside.
    expect(JSON.stringify(event)).not.toMatch(/corr-1|key-1/);
  });

  it('leaves out references that are absent or not scalars, and a state that is not a string', () => {
    const event = toIntegrationEvent(
      caseEvent(
        'CaseSubmitted',
        { caseVersion: 1, content: { ...PERSONAL, externalRef: { nested: 'Dr. Jane Researcher' }, kind: ['collaboration'] } },
        { metadata: { caseState: { name: 'Dr. Jane Researcher' } } },
      ),
    );
    expect(event?.data).toEqual({ caseId: CASE_ID, sequence: 3, caseVersion: 1 });
  });

  it('takes the case id from the stream, never from the payload', () => {
    const event = toIntegrationEvent(caseEvent('CaseSubmitted', { caseId: 'someone-else', caseVersion: 1, content: {} }));
    expect(event?.data.caseId).toBe(CASE_ID);
  });

  it('carries the personRef of a filed disclosure but not the disclosure', () => {
    const event = toIntegrationEvent(caseEvent('DisclosureFiled', { caseVersion: 2, personRef: 'p1', disclosure: DISCLOSURE }, { metadata: { caseState: 'awaiting_disclosures' } }));
    expect(event).toMatchObject({ type: 'case.disclosure_filed.v1' });
    expect(event?.data).toEqual({ caseId: CASE_ID, sequence: 3, caseVersion: 2, state: 'awaiting_disclosures', personRef: 'p1' });
    expect(JSON.stringify(event)).not.toMatch(FORBIDDEN);
  });

  it('keeps only the string personRefs of a disclosure request', () => {
    const event = toIntegrationEvent(caseEvent('DisclosureRequested', { caseVersion: 1, personRefs: ['p1', 2, { name: 'Dr. Jane Researcher' }, 'p3'] }));
    expect(event).toMatchObject({ type: 'case.disclosure_requested.v1', data: { personRefs: ['p1', 'p3'] } });
    expect(toIntegrationEvent(caseEvent('DisclosureRequested', { caseVersion: 1 }))?.data.personRefs).toEqual([]);
  });

  it('carries the levels, route, rule codes and references of a completed screening', () => {
    const outcome = {
      assessmentId: '0190f1c2-7d3e-7000-8000-00000000a55e',
      caseVersion: 1,
      level: 'elevated',
      route: 'review',
      research: 'high',
      counterparty: 'low',
      integrity: 'none',
      policy: { name: 'default', version: 3 },
      referenceLists: [{ listId: 'eu-sanctions', version: 7 }],
      ruleCodes: ['RS-R-001', 'RS-C-004'],
      escalationTargets: ['national_advisor'],
      ineligibilityProposed: true,
      pendingListHits: ['0190a000-0000-7000-8000-0000000000a1'],
      // Anything else the payload may carry in future stays inside.
      findings: [{ subject: 'Dr. Jane Researcher', explanation: 'Affiliated with Delft' }],
    };
    const event = toIntegrationEvent(caseEvent('ScreeningCompleted', outcome, { metadata: { caseState: 'in_review' } }));
    expect(event).toEqual({
      type: 'case.screening_completed.v1',
      eventId: EVENT_ID,
      timestamp: OCCURRED_AT.toISOString(),
      data: {
        caseId: CASE_ID,
        sequence: 3,
        caseVersion: 1,
        state: 'in_review',
        assessmentId: outcome.assessmentId,
        level: 'elevated',
        route: 'review',
        research: 'high',
        counterparty: 'low',
        integrity: 'none',
        ruleCodes: ['RS-R-001', 'RS-C-004'],
        pendingListHits: ['0190a000-0000-7000-8000-0000000000a1'],
        escalationTargets: ['national_advisor'],
        ineligibilityProposed: true,
        policy: { name: 'default', version: 3 },
        referenceLists: [{ listId: 'eu-sanctions', version: 7 }],
      },
    });
    expect(JSON.stringify(event)).not.toMatch(FORBIDDEN);
  });

  it('reduces the hits of a monitoring alert to distinct rule codes, without subjects or matched names', () => {
    const event = toIntegrationEvent(
      caseEvent('MonitoringAlertRaised', {
        caseVersion: 2,
        previousState: 'monitoring',
        listId: 'eu-sanctions',
        listVersion: 8,
        hits: [
          { rule: 'RS-C-010', subject: 'partners[0]', entryId: 'e-1', matchedName: 'Sanctioned Person One' },
          { rule: 'RS-C-010', subject: 'personnel[0]', entryId: 'e-2', matchedName: 'Dr. Jane Researcher' },
          { rule: 'RS-C-011', subject: 'partners[1]', entryId: 'e-3', matchedName: null },
          { subject: 'partners[2]', entryId: 'e-4' },
        ],
      }),
    );
    expect(event).toMatchObject({ type: 'case.monitoring_alert_raised.v1' });
    expect(event?.data).toEqual({
      caseId: CASE_ID,
      sequence: 3,
      caseVersion: 2,
      state: 'screening',
      previousState: 'monitoring',
      listId: 'eu-sanctions',
      listVersion: 8,
      ruleCodes: ['RS-C-010', 'RS-C-011'],
    });
    expect(JSON.stringify(event)).not.toMatch(FORBIDDEN);
    expect(JSON.stringify(event)).not.toMatch(/entryId|subject|e-1/);
    expect(toIntegrationEvent(caseEvent('MonitoringAlertRaised', { caseVersion: 2, listId: 'x' }))?.data.ruleCodes).toEqual([]);
  });

  it('carries the code and attempts of a failed screening, not its message (it may quote list data)', () => {
    const event = toIntegrationEvent(
      caseEvent('ScreeningFailed', { caseVersion: 1, code: 'SCREENING.INDEX_BUILD_FAILED', message: 'entry "Sanctioned Person One" has no name', attempts: 3 }, { metadata: { caseState: 'screening_failed' } }),
    );
    expect(event).toMatchObject({ type: 'case.screening_failed.v1' });
    expect(event?.data).toEqual({ caseId: CASE_ID, sequence: 3, caseVersion: 1, state: 'screening_failed', code: 'SCREENING.INDEX_BUILD_FAILED', attempts: 3 });
    expect(JSON.stringify(event)).not.toMatch(FORBIDDEN);
  });

  it('never carries free text: withdrawal reasons, decision rationales, adjudication reasons', () => {
    const withdrawn = toIntegrationEvent(caseEvent('CaseWithdrawn', { caseVersion: 1, previousState: 'screening', reason: 'Dr. Jane Researcher left' }));
    expect(withdrawn?.data).toEqual({ caseId: CASE_ID, sequence: 3, caseVersion: 1, state: 'screening', previousState: 'screening' });
    const decided = toIntegrationEvent(
      caseEvent('DecisionRecorded', { caseVersion: 1, outcome: 'proceed', decidedBy: 'system', reasonCodes: ['RS-F-006'], rationale: 'Photonic work is fine', assessmentId: 'a-1' }),
    );
    expect(decided).toMatchObject({ type: 'case.decision_recorded.v1', data: { outcome: 'proceed', reasonCodes: ['RS-F-006'], assessmentId: 'a-1' } });
    expect(decided?.data).not.toHaveProperty('rationale');
    expect(decided?.data).not.toHaveProperty('decidedBy');
    const adjudicated = toIntegrationEvent(
      caseEvent('ListHitAdjudicated', { caseVersion: 1, hitId: 'h-1', rule: 'RS-C-010', subject: 'personnel[0]', listId: 'l', entryId: 'e', decision: 'false_positive', reason: 'Not Dr. Jane Researcher' }),
    );
    expect(adjudicated?.data).toEqual({ caseId: CASE_ID, sequence: 3, caseVersion: 1, state: 'screening', hitId: 'h-1', rule: 'RS-C-010', listId: 'l', entryId: 'e', decision: 'false_positive' });
    for (const event of [withdrawn, decided, adjudicated]) expect(JSON.stringify(event)).not.toMatch(FORBIDDEN);
  });

  it.each([
    ['an internal event of another stream', { streamType: 'reference-list', type: 'ReferenceListDefined' }],
    ['a reference-list event whose type a case also knows', { streamType: 'reference-list', type: 'CaseSubmitted' }],
    ['an unknown case event', { streamType: 'case', type: 'CaseArchived' }],
    ['an internal case-stream event', { streamType: 'case', type: 'ReferenceListDefined' }],
    ['an endpoint event that is not on the wire', { streamType: 'webhook-endpoint', type: 'WebhookEndpointCreated' }],
    ['a secret rotation', { streamType: 'webhook-endpoint', type: 'WebhookSecretRotated' }],
    ['a type named like an Object.prototype member', { streamType: 'case', type: 'constructor' }],
    ['an endpoint type named like an Object.prototype member', { streamType: 'webhook-endpoint', type: 'toString' }],
  ])('returns null for %s', (_name, overrides) => {
    expect(toIntegrationEvent(caseEvent(overrides.type, { caseVersion: 1, content: PERSONAL }, { streamType: overrides.streamType }))).toBeNull();
  });

  it('maps WebhookEndpointDisabled on the endpoint stream to webhook.endpoint_disabled.v1', () => {
    const endpointId = '0190f1c2-7d3e-7000-8000-0000000e9d01';
    const event = toIntegrationEvent({
      id: EVENT_ID,
      streamType: 'webhook-endpoint',
      streamId: endpointId,
      streamVersion: 4,
      type: 'WebhookEndpointDisabled',
      payload: { reason: 'gone', lastStatus: 410, detail: 'the receiver answered 410 Gone' },
      metadata: { caseState: 'cleared' },
      occurredAt: OCCURRED_AT,
    });
    expect(event).toEqual({
      type: 'webhook.endpoint_disabled.v1',
      eventId: EVENT_ID,
      timestamp: OCCURRED_AT.toISOString(),
      data: { endpointId, sequence: 4, reason: 'gone', lastStatus: 410 },
    });
  });
});

describe('subscribes', () => {
  it('takes every type when the filter is empty, and only listed types otherwise', () => {
    expect(subscribes([], 'case.submitted.v1')).toBe(true);
    expect(subscribes([], 'webhook.endpoint_disabled.v1')).toBe(true);
    expect(subscribes(['case.submitted.v1'], 'case.submitted.v1')).toBe(true);
    expect(subscribes(['case.submitted.v1'], 'case.amended.v1')).toBe(false);
    expect(subscribes(['case.submitted.v1', 'webhook.endpoint_disabled.v1'], 'webhook.endpoint_disabled.v1')).toBe(true);
  });
});

describe('webhookId', () => {
  it('is msg_ and the 32 hex digits of the message id, stable for one message', () => {
    const id = webhookId(EVENT_ID);
    expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(id).toBe(`msg_${EVENT_ID.replace(/-/g, '')}`);
    expect(webhookId(EVENT_ID)).toBe(id);
    expect(webhookId(CASE_ID)).not.toBe(id);
  });
});

describe('messageIdOf', () => {
  it('reads the internal id and the webhook-id a receiver was given as the same message id', () => {
    expect(messageIdOf(EVENT_ID)).toBe(EVENT_ID.toLowerCase());
    expect(messageIdOf(webhookId(EVENT_ID))).toBe(EVENT_ID.toLowerCase());
    expect(messageIdOf(webhookId(EVENT_ID).toUpperCase().replace('MSG_', 'msg_'))).toBe(EVENT_ID.toLowerCase());
  });

  it('refuses anything else', () => {
    for (const id of ['not-a-uuid', 'msg_', `msg_${'0'.repeat(31)}`, `msg_${'0'.repeat(33)}`, `evt_${'0'.repeat(32)}`, `msg_${'g'.repeat(32)}`]) {
      expect(messageIdOf(id)).toBeUndefined();
    }
  });
});

describe('webhookBody', () => {
  it('serialises type, timestamp and data only, the same bytes every time', () => {
    const event = toIntegrationEvent(caseEvent('CaseSubmitted', { caseVersion: 1, content: { ...PERSONAL, externalRef: 'GMS-1', kind: 'collaboration' } }));
    if (!event) throw new Error('expected an integration event');
    const body = webhookBody(event);
    expect(body).toBe(webhookBody(event));
    expect(body).toBe(webhookBody({ ...event, data: { ...event.data } }));
    expect(JSON.parse(body)).toEqual({ type: 'case.submitted.v1', timestamp: '2026-11-22T10:00:00.123Z', data: event.data });
    expect(Object.keys(JSON.parse(body) as object)).toEqual(['type', 'timestamp', 'data']);
    // The event id travels in the webhook-id header, not in the body.
    expect(body).not.toContain(EVENT_ID);
    expect(body).toBe(
      `{"type":"case.submitted.v1","timestamp":"2026-11-22T10:00:00.123Z","data":{"caseId":"${CASE_ID}","sequence":3,"caseVersion":1,"state":"screening","externalRef":"GMS-1","kind":"collaboration"}}`,
    );
  });
});

describe('INTEGRATION_EVENT_TYPES', () => {
  it('lists every wire type, versioned, once each, sorted', () => {
    expect([...INTEGRATION_EVENT_TYPES]).toEqual([...INTEGRATION_EVENT_TYPES].sort());
    expect(new Set(INTEGRATION_EVENT_TYPES).size).toBe(INTEGRATION_EVENT_TYPES.length);
    for (const type of INTEGRATION_EVENT_TYPES) expect(type).toMatch(/^(case|webhook)\.[a-z_]+\.v\d+$/);
    expect(INTEGRATION_EVENT_TYPES).toEqual(expect.arrayContaining(['case.submitted.v1', 'case.screening_completed.v1', 'webhook.endpoint_disabled.v1']));
  });

  it('contains the wire type of every event the translation maps', () => {
    const mapped = [
      'CaseSubmitted',
      'CaseAmended',
      'CaseWithdrawn',
      'DisclosureRequested',
      'DisclosureFiled',
      'DisclosuresCompleted',
      'ScreeningRequested',
      'ScreeningCompleted',
      'ScreeningFailed',
      'ListHitAdjudicated',
      'MonitoringAlertRaised',
      'ReviewAssigned',
      'InformationRequested',
      'ApplicantResponded',
      'SecurityApplicationJudged',
      'DecisionProposed',
      'DecisionFinalised',
      'EscalationRaised',
      'AdviceReceived',
      'EscalationOverdue',
      'EscalationWithdrawn',
      'InformationRequestOverdue',
      'DeadlineReminderSent',
      'ChangeOfCircumstancesReported',
      'MitigationPlanProposed',
      'MitigationPlanAgreed',
      'MeasureCompleted',
      'MeasureOverdue',
      'DecisionRecorded',
      'AppealLodged',
      'AppealDecided',
    ].map((type) => toIntegrationEvent(caseEvent(type, { caseVersion: 1 }))?.type);
    mapped.push(toIntegrationEvent(caseEvent('WebhookEndpointDisabled', { reason: 'manual' }, { streamType: 'webhook-endpoint' }))?.type);
    expect(mapped).not.toContain(undefined);
    expect([...new Set(mapped)].sort()).toEqual([...INTEGRATION_EVENT_TYPES]);
  });
});
