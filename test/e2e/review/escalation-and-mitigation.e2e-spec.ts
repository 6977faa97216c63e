import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

// Short due times through the policy itself (days may be fractions): 0.00003 days ≈ 2.6 s.
const SHORT_DAYS = 0.00003;
process.env.AJAR_DEADLINE_SWEEP_MS = '300';

const PERSON_NAME = 'Dr Ada Quill';
const PRIVATE_AFFILIATION = 'Quill Family Foundation';

function proposal(kind: 'quantum' | 'military'): Record<string, unknown> {
  const shapes = {
    quantum: { researchStage: 'applied', technologyAreas: ['quantum', 'photonics'], partners: [{ name: 'Acme Photonics B.V.', country: 'NL', type: 'company' }] },
    military: {
      researchStage: 'experimental_development',
      technologyAreas: ['quantum'],
      exportControl: { relevant: true, classifications: ['6A005'] },
      partners: [{ name: 'Defence Research Lab', country: 'NL', type: 'military' }],
    },
  };
  return {
    kind: 'collaboration',
    title: `A ${kind} proposal`,
    ...shapes[kind],
    personnel: [{ ref: 'p1', name: PERSON_NAME, role: 'pi', disclosure: disclosure(PRIVATE_AFFILIATION) }],
  };
}

describe('escalation, advice, mitigation and deadlines (issue 5)', () => {
  let system: TestSystem;
  let admin: string;
  let rso: string;
  let rsoId: string;
  let ethics: string;
  let applicant: string;
  let integrator: string;
  let approverA: string;
  let approverB: string;
  let advisorTenantId: string;
  let advisor: string;
  let advisoryAdmin: string;

  const keyId = async (key: string): Promise<string> =>
    (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE key_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [key]))[0]?.id ?? '';
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const read = async (id: string) => (await system.http().get(`/v1/cases/${id}`).set(as(rso)).expect(200)).body;
  const post = (key: string, path: string, body: Record<string, unknown> = {}) => system.http().post(path).set(as(key)).send(body);
  const events = async (id: string): Promise<{ type: string; payload: Record<string, unknown> }[]> =>
    ((await system.http().get(`/v1/cases/${id}/events`).set(as(rso)).expect(200)).body.items as { type: string; data: Record<string, unknown> }[]).map((event) => ({
      type: event.type,
      payload: event.data,
    }));
  const types = async (id: string) => (await events(id)).map((event) => event.type);
  const inState = async (id: string, state: string) => waitFor(async () => ((await read(id)).state === state ? read(id) : null), `case ${id} to reach ${state}`);

  /** A case in review with a reviewer and (R2/R3) the RS-T-008 judgement. */
  const reviewed = async (kind: 'quantum' | 'military'): Promise<string> => {
    const id = (await post(integrator, '/v1/cases', proposal(kind)).expect(202)).body.id as string;
    await inState(id, 'in_review');
    await post(rso, `/v1/cases/${id}/review-assignment`, { reviewerKeyId: rsoId }).expect(200);
    await post(rso, `/v1/cases/${id}/security-judgement`, { foreseeableApplication: 'likely', rationale: 'Defence end user.' }).expect(200);
    return id;
  };

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    const tenant = await system.createTenant('institution', 'University of Example');
    admin = tenant.adminKey;
    await system
      .http()
      .put('/v1/policies/default')
      .set(as(admin))
      .send({ responseWindowDays: 14, informationRequestDays: SHORT_DAYS, slaDays: { export_control: SHORT_DAYS, legal: SHORT_DAYS, ethics_committee: 30, national_advisor: 30 } })
      .expect(201);
    rso = await system.issueKey(admin, ['rso']);
    rsoId = await keyId(rso);
    ethics = await system.issueKey(admin, ['ethics_committee']);
    applicant = await system.issueKey(admin, ['applicant']);
    integrator = await system.issueKey(admin, ['integrator']);
    approverA = await system.issueKey(admin, ['approver']);
    approverB = await system.issueKey(admin, ['approver']);
    const advisory = await system.createTenant('advisory_body', 'National Contact Point');
    advisorTenantId = advisory.tenantId;
    advisor = await system.issueKey(advisory.adminKey, ['national_advisor']);
    advisoryAdmin = advisory.adminKey;
  });
  afterAll(() => system.stop());

  it('escalate to the ethics committee → advice → mitigation plan → evidence → re-appraisal → proceed_with_mitigation with four-eyes', async () => {
    const id = await reviewed('military');
    const screening = (await read(id)).workflow.screening;
    expect(screening.escalationRecommendation.length).toBeGreaterThan(0);

    const raised = await post(rso, `/v1/cases/${id}/escalations`, { target: 'ethics_committee', question: 'Is the defence end use acceptable under our ethics code?' }).expect(201);
    expect(raised.body.state).toBe('escalated');
    const escalationId = raised.body.escalationId as string;
    // Nothing skips the open question: no decision, no agreed plan while it waits.
    const early = await post(approverA, `/v1/cases/${id}/decision`, { outcome: 'proceed', reasonCodes: [], rationale: 'x' }).expect(409);
    expect(early.body.code).toBe('DECISION.ESCALATION_OPEN');

    // The ethics committee of the same tenant reads the full case, names included.
    const full = await system.http().get(`/v1/cases/${id}`).set(as(ethics)).expect(200);
    expect(JSON.stringify(full.body)).toContain(PERSON_NAME);
    const notAddressee = await post(rso, `/v1/escalations/${escalationId}/advice`, { recommendation: 'no_objection', advice: 'x' }).expect(403);
    expect(notAddressee.body.code).toBe('ESCALATION.NOT_THE_ADDRESSEE');
    const advised = await post(ethics, `/v1/escalations/${escalationId}/advice`, { recommendation: 'proceed_with_conditions', advice: 'Acceptable with export-control measures and a TCP.' }).expect(200);
    expect(advised.body.state).toBe('in_review');
    await post(ethics, `/v1/escalations/${escalationId}/advice`, { recommendation: 'no_view', advice: 'again' }).expect(409);

    // RS-F-005: a dissemination restriction needs its legal basis.
    const restricted = await post(rso, `/v1/cases/${id}/mitigation-plan`, {
      measures: [{ measure: 'MIT-15', strength: 'required', owner: 'PI', dueInDays: 30, evidenceExpected: 'Pre-publication review record' }],
    }).expect(422);
    expect(restricted.headers['content-type']).toContain('application/problem+json');
    expect(restricted.body.errors).toEqual([expect.objectContaining({ field: 'measures[0].legalBasis' })]);

    const assessment = (await system.http().get(`/v1/cases/${id}/assessments`).set(as(rso)).expect(200)).body.items[0];
    const significant = [...new Set((assessment.findings as { severity: string; mitigations: string[] }[]).filter((f) => ['S2', 'S3'].includes(f.severity)).flatMap((f) => f.mitigations))];
    const measures = [
      ...significant.map((measure) => ({ measure, strength: 'required', owner: 'research office', dueInDays: 30, evidenceExpected: 'Signed record', ...(measure === 'MIT-15' ? { legalBasis: 'EU 2021/821 licence condition' } : {}) })),
      { measure: 'MIT-03', strength: 'suggested', owner: 'PI', dueInDays: SHORT_DAYS, evidenceExpected: 'Training completion records' },
    ].filter((measure, index, all) => all.findIndex((other) => other.measure === measure.measure) === index);
    const proposed = await post(rso, `/v1/cases/${id}/mitigation-plan`, { measures }).expect(201);
    expect(proposed.body.state).toBe('mitigation');
    const plan = (await read(id)).workflow.mitigationPlan;
    expect(plan).toMatchObject({ status: 'proposed' });
    const early2 = await post(approverA, `/v1/cases/${id}/decision`, { outcome: 'proceed_with_mitigation', reasonCodes: ['RS-T-004'], rationale: 'x' }).expect(422);
    expect(early2.body.code).toBe('DECISION.NO_AGREED_PLAN');

    await post(applicant, `/v1/cases/${id}/mitigation-plan/agreement`, { planId: plan.id }).expect(200);
    const reappraised = await inState(id, 'mitigation');
    expect(reappraised.workflow.residual).toMatchObject({ planId: plan.id, inherentLevel: reappraised.workflow.screening.level, unmitigatedRules: [] });
    expect(reappraised.workflow.mitigationPlan.measures.every((m: { dueAt: string | null }) => m.dueAt !== null)).toBe(true);

    // The suggested training measure with a short due time goes overdue; the approver hears of it.
    const training = reappraised.workflow.mitigationPlan.measures.find((m: { measure: string }) => m.measure === 'MIT-03');
    await waitFor(async () => (await types(id)).includes('MeasureOverdue'), 'MeasureOverdue');
    const overdue = (await events(id)).filter((event) => event.type === 'MeasureOverdue');
    expect(overdue).toEqual([expect.objectContaining({ payload: expect.objectContaining({ measureId: training.id, measure: 'MIT-03' }) })]);

    const required = reappraised.workflow.mitigationPlan.measures.find((m: { measure: string }) => m.measure !== 'MIT-03');
    const badHash = await post(applicant, `/v1/cases/${id}/mitigation-plan/measures/${required.id}/completion`, { evidence: 'x', document: { reference: 'dms://1', sha256: 'nothex' } }).expect(400);
    expect(badHash.body.errors[0].field).toBe('document.sha256');
    const sha256 = 'a'.repeat(64);
    await post(applicant, `/v1/cases/${id}/mitigation-plan/measures/${required.id}/completion`, { evidence: 'Licence granted.', document: { reference: 'dms://licences/42', sha256 } }).expect(200);
    const completed = (await read(id)).workflow.mitigationPlan.measures.find((m: { id: string }) => m.id === required.id);
    expect(completed).toMatchObject({ status: 'completed', completion: { evidence: 'Licence granted.', document: { reference: 'dms://licences/42', sha256 } } });
    await post(applicant, `/v1/cases/${id}/mitigation-plan/measures/${required.id}/completion`, { evidence: 'again' }).expect(409);

    const decided = await post(approverA, `/v1/cases/${id}/decision`, { outcome: 'proceed_with_mitigation', reasonCodes: ['RS-T-004'], rationale: 'Agreed plan in place.', conditions: ['Keep the TCP'] }).expect(200);
    expect((await read(id)).workflow.decision.status).toBe('awaiting_second_approval');
    expect(decided.body.state).toBe('mitigation');
    const approved = await post(approverB, `/v1/cases/${id}/decision/approval`).expect(200);
    expect(approved.body.state).toBe('monitoring');
    expect(await types(id)).toEqual(
      expect.arrayContaining(['EscalationRaised', 'AdviceReceived', 'MitigationPlanProposed', 'MitigationPlanAgreed', 'MeasureCompleted', 'MeasureOverdue', 'DecisionProposed', 'DecisionRecorded']),
    );
    const rescreen = (await events(id)).filter((event) => event.type === 'ScreeningCompleted').at(-1);
    expect(rescreen?.payload.residual).toMatchObject({ planId: plan.id });
  });

  it('a national advisor sees only its minimised package, answers it, and reads nothing else', async () => {
    const id = await reviewed('military');
    const unregistered = await post(rso, `/v1/cases/${id}/escalations`, { target: 'national_advisor', question: 'Known concerns about this lab?' }).expect(422);
    expect(unregistered.body.errors[0].field).toBe('advisorTenantId');
    await post(admin, '/v1/advisors', { advisorTenantId: '00000000-0000-4000-8000-000000000000', registrationCode: await system.registrationCode(advisoryAdmin) }).expect(422);
    // The role belongs to advisory bodies: an institution cannot mint itself an advisor key.
    const minted = await post(admin, '/v1/api-keys', { name: 'self-advice', roles: ['national_advisor'] }).expect(422);
    expect(minted.body.code).toBe('API_KEY.ROLE_NOT_FOR_TENANT');
    await post(admin, '/v1/advisors', { advisorTenantId, registrationCode: await system.registrationCode(advisoryAdmin) }).expect(201);
    expect((await system.http().get('/v1/advisors').set(as(rso)).expect(200)).body.items).toEqual([expect.objectContaining({ advisorTenantId, name: 'National Contact Point' })]);

    const raised = await post(rso, `/v1/cases/${id}/escalations`, { target: 'national_advisor', question: `Is the lab a concern? (PI ${PERSON_NAME})` }).expect(201);
    const escalationId = raised.body.escalationId as string;
    const ethicsEscalation = (await post(rso, `/v1/cases/${id}/escalations`, { target: 'ethics_committee', question: 'Ethics view?' }).expect(201)).body.escalationId as string;

    const list = await system.http().get('/v1/escalations').set(as(advisor)).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ escalationId, caseId: null, target: 'national_advisor', status: 'open' })]);
    const view = await system.http().get(`/v1/escalations/${escalationId}`).set(as(advisor)).expect(200);
    expect(view.body.audience).toBe('advisor');
    expect(view.body.package).toMatchObject({ target: 'national_advisor', technologyAreas: ['quantum'], organisations: [expect.objectContaining({ name: 'Defence Research Lab', role: 'partner' })] });
    expect(view.body.package.findings.length).toBeGreaterThan(0);
    const text = JSON.stringify(view.body);
    expect(text).not.toContain(PERSON_NAME);
    expect(text).not.toContain(PRIVATE_AFFILIATION);
    expect(text).not.toContain('disclosure');
    expect(text).not.toContain(id);

    // Of the advisory body, only its national_advisor keys read the package: its other roles get 403 and list nothing addressed to it.
    for (const key of [advisoryAdmin, await system.issueKey(advisoryAdmin, ['ethics_committee']), await system.issueKey(advisoryAdmin, ['rso', 'auditor'])]) {
      const refused = await system.http().get(`/v1/escalations/${escalationId}`).set(as(key)).expect(403);
      expect(refused.body.code).toBe('ESCALATION.ADVISOR_ROLE_REQUIRED');
      expect((await system.http().get('/v1/escalations').set(as(key)).expect(200)).body.items).toEqual([]);
    }

    // Every other read answers 404.
    await system.http().get(`/v1/cases/${id}`).set(as(advisor)).expect(404);
    await system.http().get(`/v1/cases/${id}/events`).set(as(advisor)).expect(404);
    await system.http().get(`/v1/cases/${id}/assessments`).set(as(advisor)).expect(404);
    await system.http().get(`/v1/escalations/${ethicsEscalation}`).set(as(advisor)).expect(404);
    await post(advisor, `/v1/escalations/${ethicsEscalation}/advice`, { recommendation: 'no_view', advice: 'x' }).expect(404);
    expect((await system.http().get('/v1/cases').set(as(advisor)).expect(200)).body.items).toEqual([]);

    // The asking tenant cannot answer for its advisor.
    const selfAnswer = await system.issueKey(admin, ['ethics_committee']);
    await post(selfAnswer, `/v1/escalations/${escalationId}/advice`, { recommendation: 'no_objection', advice: 'x' }).expect(403);

    await post(advisor, `/v1/escalations/${escalationId}/advice`, { recommendation: 'do_not_proceed', advice: 'Known procurement links to a defence ministry.' }).expect(200);
    const owner = await system.http().get(`/v1/escalations/${escalationId}`).set(as(rso)).expect(200);
    expect(owner.body).toMatchObject({ audience: 'owner', caseId: id, escalation: { status: 'answered', advice: { recommendation: 'do_not_proceed', byTenantId: advisorTenantId } } });
    expect((await read(id)).state).toBe('escalated'); // the ethics question is still open
  });

  it('an overdue escalation reminds at half time and on the due day, then goes overdue to the approver', async () => {
    const id = await reviewed('military');
    const raised = await post(rso, `/v1/cases/${id}/escalations`, { target: 'export_control', question: 'Classification of the sensor?' }).expect(201);
    const escalationId = raised.body.escalationId as string;
    await waitFor(async () => (await types(id)).includes('EscalationOverdue'), 'EscalationOverdue');
    const timeline = (await events(id)).filter((event) => ['DeadlineReminderSent', 'EscalationOverdue'].includes(event.type));
    expect(timeline.map((event) => [event.type, event.payload.reminder ?? null])).toEqual([
      ['DeadlineReminderSent', 'halfway'],
      ['DeadlineReminderSent', 'due_day'],
      ['EscalationOverdue', null],
    ]);
    expect(timeline.every((event) => event.payload.escalationId === escalationId || event.payload.subjectId === escalationId)).toBe(true);
    const rows = await system.query<{ alarm: string; state: string }>(`SELECT alarm, state FROM case_deadlines WHERE subject_id = $1 ORDER BY due_at`, [escalationId]);
    expect(rows).toEqual([
      { alarm: 'reminder_halfway', state: 'fired' },
      { alarm: 'reminder_due_day', state: 'fired' },
      { alarm: 'due', state: 'fired' },
    ]);
    // Overdue, the question no longer holds the decision back.
    await post(approverA, `/v1/cases/${id}/decision`, { outcome: 'declined', reasonCodes: ['RS-T-004'], rationale: 'No export licence.' }).expect(200);
  });

  it('a withdrawn escalation and an answered information request leave their timers silent', async () => {
    const id = await reviewed('military');
    const raised = await post(rso, `/v1/cases/${id}/escalations`, { target: 'legal', question: 'Sanctions exposure?' }).expect(201);
    await post(rso, `/v1/cases/${id}/escalations/${raised.body.escalationId}/withdrawal`, { reason: 'Answered by the sanctions desk directly.' }).expect(200);
    const asked = await post(rso, `/v1/cases/${id}/information-requests`, { question: 'Who is the end user?' }).expect(201);
    const requestId = asked.body.requestId as string;
    expect((await read(id)).workflow.informationRequests[0].id).toBe(requestId);
    expect(asked.body.state).toBe('in_review');
    const pending = await post(approverA, `/v1/cases/${id}/decision`, { outcome: 'declined', reasonCodes: ['RS-T-004'], rationale: 'x' }).expect(409);
    expect(pending.body.code).toBe('DECISION.INFORMATION_PENDING');
    await post(applicant, `/v1/cases/${id}/information-requests/${requestId}/response`, { response: 'A civilian hospital.' }).expect(200);
    await post(applicant, `/v1/cases/${id}/information-requests/${requestId}/response`, { response: 'again' }).expect(409);

    // Every alarm goes off, finds its reason gone, and is cancelled: nothing is said.
    await waitFor(
      async () => {
        const rows = await system.query<{ state: string }>(`SELECT state FROM case_deadlines WHERE case_id = $1`, [id]);
        return rows.length === 6 && rows.every((row) => row.state === 'cancelled');
      },
      'six alarms cancelled',
    );
    const said = await types(id);
    expect(said).not.toContain('DeadlineReminderSent');
    expect(said).not.toContain('EscalationOverdue');
    expect(said).not.toContain('InformationRequestOverdue');
    expect(said).toEqual(expect.arrayContaining(['EscalationWithdrawn', 'InformationRequested', 'ApplicantResponded']));
  });

  it('an unanswered information request goes overdue', async () => {
    const id = await reviewed('quantum');
    await post(rso, `/v1/cases/${id}/information-requests`, { question: 'Partner ownership?' }).expect(201);
    await waitFor(async () => (await types(id)).includes('InformationRequestOverdue'), 'InformationRequestOverdue');
  });

  it('no race skips a step: of concurrent advice and withdrawal, and of concurrent agreements, exactly one wins', async () => {
    for (let round = 0; round < 3; round += 1) {
      const id = await reviewed('military');
      const escalationId = (await post(rso, `/v1/cases/${id}/escalations`, { target: 'ethics_committee', question: 'Race?' }).expect(201)).body.escalationId;
      const [advice, withdrawal] = await Promise.all([
        post(ethics, `/v1/escalations/${escalationId}/advice`, { recommendation: 'no_objection', advice: 'Fine.' }),
        post(rso, `/v1/cases/${id}/escalations/${escalationId}/withdrawal`, { reason: 'Not needed.' }),
      ]);
      expect([advice.status, withdrawal.status].sort()).toEqual([200, 409]);
      const closing = (await types(id)).filter((type) => type === 'AdviceReceived' || type === 'EscalationWithdrawn');
      expect(closing).toHaveLength(1);

      await post(rso, `/v1/cases/${id}/mitigation-plan`, { measures: [{ measure: 'MIT-07', strength: 'required', owner: 'export office', dueInDays: 30, evidenceExpected: 'Licence' }] }).expect(201);
      const planId = (await read(id)).workflow.mitigationPlan.id;
      const agreements = await Promise.all([0, 1, 2].map(() => post(applicant, `/v1/cases/${id}/mitigation-plan/agreement`, { planId })));
      expect(agreements.map((response) => response.status).sort()).toEqual([200, 409, 409]);
      expect((await types(id)).filter((type) => type === 'MitigationPlanAgreed')).toHaveLength(1);
    }
  });

  it('monitoring: a change of circumstances re-screens an approved case; a new finding re-opens review, none keeps it approved', async () => {
    const id = await reviewed('quantum');
    const inReview = await post(integrator, `/v1/cases/${id}/change-of-circumstances`, { partners: [{ name: 'Other Lab', country: 'NL', type: 'university' }] }).expect(409);
    expect(inReview.body.code).toBe('CASE.ILLEGAL_TRANSITION');
    await post(approverA, `/v1/cases/${id}/decision`, { outcome: 'proceed', reasonCodes: ['RS-T-002'], rationale: 'Open research.' }).expect(200);
    expect((await read(id)).state).toBe('monitoring');

    // A new team member with a clean disclosure: screened again, still approved, no alert.
    const undisclosed = await post(integrator, `/v1/cases/${id}/change-of-circumstances`, { personnel: [{ ref: 'p2', name: 'Dr B. New', role: 'researcher' }] }).expect(422);
    expect(JSON.stringify(undisclosed.body.errors)).toContain('personnel');
    await post(integrator, `/v1/cases/${id}/change-of-circumstances`, { personnel: [{ ref: 'p2', name: 'Dr B. New', role: 'researcher', disclosure: disclosure() }] }).expect(202);
    await waitFor(async () => (await types(id)).filter((type) => type === 'ScreeningCompleted').length === 2, 'second screening');
    const calm = await read(id);
    expect(calm).toMatchObject({ state: 'monitoring', caseVersion: 2 });
    expect(calm.workflow.decision).toMatchObject({ outcome: 'proceed', status: 'final' });
    expect(await types(id)).not.toContain('MonitoringAlertRaised');

    // A new military partner: a new finding, the alert, review re-opens with the approval kept on record.
    await post(integrator, `/v1/cases/${id}/change-of-circumstances`, { partners: [{ name: 'Defence Research Lab', country: 'NL', type: 'military' }] }).expect(202);
    const reopened = await inState(id, 'in_review');
    expect(reopened.caseVersion).toBe(3);
    expect(reopened.workflow.decision).toBeNull();
    expect(reopened.workflow.earlierDecisions).toEqual([expect.objectContaining({ outcome: 'proceed' })]);
    const alert = (await events(id)).find((event) => event.type === 'MonitoringAlertRaised');
    expect(alert?.payload).toMatchObject({ reason: 'change_of_circumstances', previousState: 'monitoring' });
    expect((alert?.payload.ruleCodes as string[]).length).toBeGreaterThan(0);
    expect(await types(id)).toContain('ChangeOfCircumstancesReported');
  });

  it('refuses bad input with the field named, and another tenant\'s case with 404', async () => {
    const id = await reviewed('quantum');
    // Shape errors are 400 (the request), rule refusals 422 (the workflow); both name the field.
    const cases: [string, string, Record<string, unknown>, string, number][] = [
      [rso, `/v1/cases/${id}/escalations`, { target: 'the_press', question: 'x' }, 'target', 400],
      [rso, `/v1/cases/${id}/escalations`, { target: 'legal', question: '' }, 'question', 400],
      [rso, `/v1/cases/${id}/escalations`, { target: 'legal', question: 'x', extra: 1 }, 'extra', 400],
      [rso, `/v1/cases/${id}/escalations`, { target: 'legal', question: 'x', advisorTenantId: id }, 'advisorTenantId', 422],
      [rso, `/v1/cases/${id}/mitigation-plan`, { measures: [] }, 'measures', 400],
      [rso, `/v1/cases/${id}/mitigation-plan`, { measures: [{ measure: 'MIT-99', strength: 'required', owner: 'PI', dueInDays: 3, evidenceExpected: 'x' }] }, 'measures[0].measure', 422],
      [rso, `/v1/cases/${id}/mitigation-plan`, { measures: [{ measure: 'MIT-03', strength: 'mandatory', owner: 'PI', dueInDays: 3, evidenceExpected: 'x' }] }, 'measures[0].strength', 400],
      [applicant, `/v1/cases/${id}/mitigation-plan/agreement`, { planId: 'nope' }, 'planId', 400],
    ];
    for (const [key, path, body, field, status] of cases) {
      const response = await post(key, path, body);
      expect({ path, field, status: response.status }).toEqual({ path, field, status });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.body.errors)).toContain(field);
    }
    expect((await types(id)).filter((type) => ['EscalationRaised', 'MitigationPlanProposed'].includes(type))).toEqual([]);
    const other = await system.createTenant('institution', 'Elsewhere');
    const otherRso = await system.issueKey(other.adminKey, ['rso']);
    await post(otherRso, `/v1/cases/${id}/escalations`, { target: 'legal', question: 'x' }).expect(404);
    await post(otherRso, `/v1/cases/${id}/information-requests`, { question: 'x' }).expect(404);
    await post(applicant, `/v1/cases/${id}/escalations`, { target: 'legal', question: 'x' }).expect(403);
  });
});
