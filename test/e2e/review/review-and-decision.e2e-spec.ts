import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

// Short windows through the policy itself (days may be fractions): 0.00003 days ≈ 2.6 s.
const RESPONSE_WINDOW_DAYS = 0.00003;
// The sweeper that re-arms lost deadline alarms looks often here.
process.env.AJAR_DEADLINE_SWEEP_MS = '300';

function proposal(kind: 'fast-lane' | 'quantum' | 'military' | 'sanctioned'): Record<string, unknown> {
  const shapes = {
    'fast-lane': { researchStage: 'fundamental', technologyAreas: ['none'], partners: [{ name: 'Leiden University', country: 'NL', type: 'university', identifiers: { ror: '027bh9e22' } }] },
    quantum: { researchStage: 'applied', technologyAreas: ['quantum', 'photonics'], partners: [{ name: 'Acme Photonics B.V.', country: 'NL', type: 'company' }] },
    military: {
      researchStage: 'experimental_development',
      technologyAreas: ['quantum'],
      exportControl: { relevant: true, classifications: ['6A005'] },
      partners: [{ name: 'Defence Research Lab', country: 'NL', type: 'military' }],
    },
    sanctioned: { researchStage: 'fundamental', technologyAreas: ['none'], partners: [{ name: 'Sample Photonics Limited', country: 'BV', type: 'company', identifiers: { registration: 'SP-998877' } }] },
  };
  return { kind: 'collaboration', title: `A ${kind} proposal`, ...shapes[kind], personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: disclosure() }] };
}

interface Keys {
  admin: string;
  integrator: string;
  applicant: string;
  rso: string;
  rsoId: string;
  approverA: string;
  approverAId: string;
  approverB: string;
  approverC: string;
}

describe('review and decision: RS-T-008 judgement, four-eyes, response window, appeal', () => {
  let system: TestSystem;
  let keys: Keys;
  let tenantId: string;

  const keyId = async (key: string): Promise<string> =>
    (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE key_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [key]))[0]?.id ?? '';

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    const tenant = await system.createTenant('funder', 'Research Council');
    tenantId = tenant.tenantId;
    const admin = tenant.adminKey;
    await system.http().put('/v1/policies/default').set('Authorization', `Bearer ${admin}`).send({ responseWindowDays: RESPONSE_WINDOW_DAYS, appealWindowDays: 30 }).expect(201);
    const rso = await system.issueKey(admin, ['rso']);
    const approverA = await system.issueKey(admin, ['approver']);
    keys = {
      admin,
      integrator: await system.issueKey(admin, ['integrator']),
      applicant: await system.issueKey(admin, ['applicant']),
      rso,
      rsoId: await keyId(rso),
      approverA,
      approverAId: await keyId(approverA),
      approverB: await system.issueKey(admin, ['approver']),
      approverC: await system.issueKey(admin, ['approver']),
    };
    await system.query(
      `INSERT INTO reference_list_versions (tenant_id, list_id, version, kind, topic_severity, entry_count, created_at) VALUES ($1, 'sanctions', 1, 'sanctions', '{}', 1, now())`,
      [tenantId],
    );
    await system.query(`INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry) VALUES ($1, 'sanctions', 1, 'san-1', $2)`, [
      tenantId,
      JSON.stringify({ entryId: 'san-1', schema: 'organisation', name: 'Sample Photonics Ltd', country: 'BV', identifiers: { registration: 'SP-998877' }, topics: ['sanction'] }),
    ]);
  });
  afterAll(() => system.stop());

  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const read = async (id: string) => (await system.http().get(`/v1/cases/${id}`).set(as(keys.rso)).expect(200)).body;
  const submitted = async (kind: Parameters<typeof proposal>[0], state = 'in_review'): Promise<string> => {
    const id = (await system.http().post('/v1/cases').set(as(keys.integrator)).send(proposal(kind)).expect(202)).body.id as string;
    await waitFor(async () => (await read(id)).state === state, `case ${id} to reach ${state}`);
    return id;
  };
  const post = (key: string, id: string, path: string, body: Record<string, unknown> = {}) => system.http().post(`/v1/cases/${id}/${path}`).set(as(key)).send(body);
  const types = async (id: string): Promise<string[]> =>
    ((await system.http().get(`/v1/cases/${id}/events`).set(as(keys.rso)).expect(200)).body.items as { type: string }[]).map((event) => event.type);

  it('review → proceed: the reviewer judges RS-T-008 on an R2 case, then one approver decides; the case enters monitoring', async () => {
    const id = await submitted('quantum');
    expect((await read(id)).workflow.screening).toMatchObject({ research: 'R2', level: 'medium', route: 'review' });

    const early = await post(keys.approverA, id, 'decision', { outcome: 'proceed', reasonCodes: [], rationale: 'Fine.' }).expect(409);
    expect(early.body.code).toBe('DECISION.JUDGEMENT_REQUIRED');
    const noReviewer = await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'possible', rationale: 'Sensors.' }).expect(409);
    expect(noReviewer.body.code).toBe('REVIEW.NO_REVIEWER');

    await post(keys.rso, id, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(200);
    const other = await system.issueKey(keys.admin, ['rso']);
    const notReviewer = await post(other, id, 'security-judgement', { foreseeableApplication: 'possible', rationale: 'x' }).expect(403);
    expect(notReviewer.body.code).toBe('REVIEW.NOT_THE_REVIEWER');
    await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'possible', rationale: 'Imaging sensors; no defence end user.' }).expect(200);

    const decided = await post(keys.approverA, id, 'decision', { outcome: 'proceed', reasonCodes: ['RS-T-002'], rationale: 'Open research, controls in place.', conditions: ['Annual report'] }).expect(200);
    expect(decided.body.state).toBe('monitoring');
    const view = await read(id);
    expect(view.workflow.decision).toMatchObject({ outcome: 'proceed', status: 'final', approvers: [keys.approverAId], conditions: ['Annual report'] });
    expect(decided.body.decisionId).toBe(view.workflow.decision.id);
    expect(view.workflow.securityJudgement).toMatchObject({ foreseeableApplication: 'possible', by: keys.rsoId });
    expect(await types(id)).toEqual(expect.arrayContaining(['ReviewAssigned', 'SecurityApplicationJudged', 'DecisionRecorded']));
    // Decided: no second decision, no amendment.
    await post(keys.approverB, id, 'decision', { outcome: 'declined', reasonCodes: ['RS-T-002'], rationale: 'x' }).expect(409);
  });

  it('a very-high case needs a second approver who is neither the proposer nor the reviewer', async () => {
    const id = await submitted('military');
    await post(keys.rso, id, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(200);
    await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'likely', rationale: 'Military end user.' }).expect(200);
    // proceed_with_mitigation needs an agreed plan (escalation-and-mitigation.e2e-spec.ts walks it).
    const noPlan = await post(keys.approverA, id, 'decision', { outcome: 'proceed_with_mitigation', reasonCodes: ['RS-T-004'], rationale: 'With a TCP.' }).expect(422);
    expect(noPlan.body.code).toBe('DECISION.NO_AGREED_PLAN');
    const proposed = await post(keys.approverA, id, 'decision', { outcome: 'proceed', reasonCodes: ['RS-T-004'], rationale: 'A TCP is in place.', conditions: ['Keep the TCP'] }).expect(200);
    expect(proposed.body.state).toBe('in_review');
    expect((await read(id)).workflow.decision).toMatchObject({ status: 'awaiting_second_approval', approvers: [keys.approverAId] });
    const same = await post(keys.approverA, id, 'decision/approval').expect(403);
    expect(same.body.code).toBe('DECISION.FOUR_EYES');
    const approved = await post(keys.approverB, id, 'decision/approval').expect(200);
    expect(approved.body.state).toBe('monitoring');
    expect((await read(id)).workflow.decision.approvers).toHaveLength(2);
    expect(await types(id)).toEqual(expect.arrayContaining(['DecisionProposed', 'DecisionRecorded']));
  });

  it('no race skips a step: of concurrent decisions and of concurrent second approvals, exactly one wins', async () => {
    const id = await submitted('military');
    await post(keys.rso, id, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(200);
    await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'likely', rationale: 'Military end user.' }).expect(200);
    // Three approvers propose different outcomes at once: one proposal stands, the others get 409.
    const proposals = await Promise.all([
      post(keys.approverA, id, 'decision', { outcome: 'proceed', reasonCodes: ['RS-T-004'], rationale: 'A TCP is in place.' }),
      post(keys.approverB, id, 'decision', { outcome: 'declined', reasonCodes: ['RS-T-004'], rationale: 'Too sensitive.' }),
      post(keys.approverC, id, 'decision', { outcome: 'declined', reasonCodes: ['RS-T-002'], rationale: 'No.' }),
    ]);
    expect(proposals.map((response) => response.status).sort()).toEqual([200, 409, 409]);
    const winner = proposals.find((response) => response.status === 200)!;
    const decision = (await read(id)).workflow.decision;
    expect(decision).toMatchObject({ id: winner.body.decisionId, status: 'awaiting_second_approval' });
    expect((await types(id)).filter((type) => type === 'DecisionProposed')).toHaveLength(1);

    // The two approvers who did not propose approve at once: one approval is recorded.
    const others = [keys.approverA, keys.approverB, keys.approverC].filter((_key, index) => proposals[index] !== winner);
    const approvals = await Promise.all(others.map((key) => post(key, id, 'decision/approval')));
    expect(approvals.map((response) => response.status).sort()).toEqual([200, 409]);
    const after = (await read(id)).workflow.decision;
    expect(after.approvers).toHaveLength(2);
    expect(after.status).not.toBe('awaiting_second_approval');
    expect((await types(id)).filter((type) => type === 'DecisionRecorded')).toHaveLength(1);
  });

  it('refuses not_eligible without a rule that proposed it, and proceed on a blocked case', async () => {
    const quantum = await submitted('quantum');
    await post(keys.rso, quantum, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(200);
    await post(keys.rso, quantum, 'security-judgement', { foreseeableApplication: 'none', rationale: 'x' }).expect(200);
    const noBasis = await post(keys.approverA, quantum, 'decision', { outcome: 'not_eligible', reasonCodes: ['RS-T-002'], rationale: 'x' }).expect(422);
    expect(noBasis.body).toMatchObject({ code: 'DECISION.NO_ELIGIBILITY_BASIS', errors: [{ field: 'outcome' }] });

    const blocked = await submitted('sanctioned');
    expect((await read(blocked)).workflow.screening).toMatchObject({ level: 'blocked', route: 'not_eligible' });
    const proceed = await post(keys.approverA, blocked, 'decision', { outcome: 'proceed', reasonCodes: [], rationale: 'x' }).expect(422);
    expect(proceed.body.code).toBe('DECISION.BLOCKED');
  });

  it('not_eligible with four-eyes, the response window, finality by deadline, and an appeal decided by a third approver', async () => {
    const id = await submitted('sanctioned');
    await post(keys.rso, id, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(200);
    const reasons = { outcome: 'not_eligible', reasonCodes: ['RS-L-001', 'RS-C-007'], rationale: 'The partner is under sanctions.' };
    await post(keys.approverA, id, 'decision', reasons).expect(200);
    const recorded = await post(keys.approverB, id, 'decision/approval').expect(200);
    expect(recorded.body.state).toBe('decided');
    const windowOpen = (await read(id)).workflow.decision;
    expect(windowOpen).toMatchObject({ status: 'response_window', outcome: 'not_eligible', responseDueAt: expect.any(String) });
    // Not final yet: nothing to appeal.
    expect((await post(keys.applicant, id, 'appeal', { grounds: 'x' }).expect(409)).body.code).toBe('APPEAL.NOTHING_TO_APPEAL');
    await post(keys.applicant, id, 'decision/response', { response: 'The partner is a different company with a similar name.' }).expect(200);
    const [deadline] = await system.query<{ state: string; kind: string }>(`SELECT state, kind FROM case_deadlines WHERE case_id = $1`, [id]);
    expect(deadline).toMatchObject({ kind: 'decision_response_window' });

    // The deadline fires (a delayed job) and makes the decision final; the appeal window opens.
    const final = await waitFor(async () => {
      const decision = (await read(id)).workflow.decision;
      return decision.status === 'final' ? decision : undefined;
    }, 'the response window to close', 15_000);
    expect(final).toMatchObject({ appealDueAt: expect.any(String), applicantResponse: { text: expect.stringContaining('different company') } });
    expect((await system.query<{ state: string }>(`SELECT state FROM case_deadlines WHERE case_id = $1`, [id]))[0].state).toBe('fired');

    const lodged = await post(keys.applicant, id, 'appeal', { grounds: 'Registration numbers differ.' }).expect(200);
    expect(lodged.body.appealId).toBe((await read(id)).workflow.appeal.id);
    // Neither approver of the decision decides the appeal.
    expect((await post(keys.approverA, id, 'appeal/decision', { result: 'overturned', rationale: 'x' }).expect(403)).body.code).toBe('APPEAL.NOT_INDEPENDENT');
    const overturned = await post(keys.approverC, id, 'appeal/decision', { result: 'overturned', rationale: 'The match was wrong.' }).expect(200);
    expect(overturned.body.state).toBe('in_review');
    const view = await read(id);
    expect(view.workflow).toMatchObject({ decision: null, appeal: { status: 'decided', result: 'overturned' }, earlierDecisions: [{ outcome: 'not_eligible' }] });
    expect(await types(id)).toEqual(expect.arrayContaining(['DecisionProposed', 'DecisionRecorded', 'ApplicantResponded', 'DecisionFinalised', 'AppealLodged', 'AppealDecided']));
  });

  it('a withdrawn case\'s response-window deadline stays silent: cancelled, nothing finalised', async () => {
    const id = await submitted('quantum');
    await post(keys.rso, id, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(200);
    await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'none', rationale: 'x' }).expect(200);
    await post(keys.approverA, id, 'decision', { outcome: 'declined', reasonCodes: ['RS-T-002'], rationale: 'Out of scope.' }).expect(200);
    await post(keys.approverB, id, 'decision/approval').expect(200);
    await system.http().post(`/v1/cases/${id}/withdrawal`).set(as(keys.integrator)).send({ reason: 'Applicant withdrew.' }).expect(202);
    const settled = await waitFor(async () => {
      const [row] = await system.query<{ state: string }>(`SELECT state FROM case_deadlines WHERE case_id = $1`, [id]);
      return row.state !== 'pending' ? row.state : undefined;
    }, 'the deadline to come due', 15_000);
    expect(settled).toBe('cancelled');
    expect(await types(id)).not.toContain('DecisionFinalised');
    expect((await read(id)).state).toBe('withdrawn');
  });

  it('guards roles and input: only approvers decide, fields are validated, other tenants see 404', async () => {
    const id = await submitted('quantum');
    await post(keys.rso, id, 'decision', { outcome: 'proceed', reasonCodes: [], rationale: 'x' }).expect(403);
    await post(keys.applicant, id, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(403);
    const bad = await post(keys.approverA, id, 'decision', { outcome: 'maybe', reasonCodes: ['L-1'], rationale: '', colour: 'red' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['colour', 'outcome', 'rationale', 'reasonCodes']);
    const unknownReviewer = await post(keys.rso, id, 'review-assignment', { reviewerKeyId: keys.approverAId }).expect(422);
    expect(unknownReviewer.body.errors).toEqual([{ field: 'reviewerKeyId', reason: expect.stringContaining('rso role') }]);
    const other = await system.createTenant('institution', 'Elsewhere');
    const otherApprover = await system.issueKey(other.adminKey, ['approver']);
    await post(otherApprover, id, 'decision', { outcome: 'proceed', reasonCodes: [], rationale: 'x' }).expect(404);
  });

  it('re-arms a deadline whose alarm Redis lost: the sweeper finds it overdue and the decision becomes final', async () => {
    const id = await submitted('quantum');
    await post(keys.rso, id, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(200);
    await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'none', rationale: 'x' }).expect(200);
    await post(keys.approverA, id, 'decision', { outcome: 'declined', reasonCodes: ['RS-T-002'], rationale: 'Out of scope.' }).expect(200);
    await post(keys.approverB, id, 'decision/approval').expect(200);
    const [deadline] = await system.query<{ id: string }>(`SELECT id FROM case_deadlines WHERE case_id = $1`, [id]);
    const [outbox] = await system.query<{ id: string }>(`SELECT o.id FROM outbox_messages o WHERE o.destination = 'deadlines' AND o.envelope->'data'->>'deadlineId' = $1`, [deadline.id]);
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const queue = new Queue('deadlines', { connection: redis, prefix: system.prefix });
    try {
      // Lose the alarm as a Redis without persistence would.
      const alarm = await waitFor(async () => queue.getJob(outbox.id), 'the relay to publish the alarm');
      await alarm.remove();
      expect(await queue.getJob(outbox.id)).toBeUndefined();
      const final = await waitFor(async () => {
        const decision = (await read(id)).workflow.decision;
        return decision.status === 'final' ? decision : undefined;
      }, 'the sweeper to re-arm the deadline', 15_000);
      expect(final.outcome).toBe('declined');
      expect((await types(id)).filter((type) => type === 'DecisionFinalised')).toHaveLength(1);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });

  it('refuses bad input on every review route with problem+json naming the field, and answers 404 to another tenant', async () => {
    const id = await submitted('quantum');
    const routes: [string, string, Record<string, unknown>, string][] = [
      [keys.rso, 'review-assignment', { reviewerKeyId: 'not-a-uuid' }, 'reviewerKeyId'],
      [keys.rso, 'security-judgement', { foreseeableApplication: 'certain', rationale: 'x' }, 'foreseeableApplication'],
      [keys.rso, 'security-judgement', { foreseeableApplication: 'none' }, 'rationale'],
      [keys.approverA, 'decision', { outcome: 'proceed', reasonCodes: 'RS-T-002', rationale: 'x' }, 'reasonCodes'],
      [keys.approverA, 'decision/approval', { extra: true }, 'extra'],
      [keys.applicant, 'decision/response', { response: '' }, 'response'],
      [keys.applicant, 'appeal', {}, 'grounds'],
      [keys.approverC, 'appeal/decision', { result: 'reversed', rationale: 'x' }, 'result'],
    ];
    for (const [key, path, body, field] of routes) {
      const refused = await post(key, id, path, body);
      expect({ path, status: refused.status, type: refused.headers['content-type'] }).toEqual({ path, status: 400, type: expect.stringMatching(/application\/problem\+json/) });
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    const other = await system.createTenant('institution', 'Yet Another');
    const [otherRso, otherApprover, otherApplicant] = [
      await system.issueKey(other.adminKey, ['rso']),
      await system.issueKey(other.adminKey, ['approver']),
      await system.issueKey(other.adminKey, ['applicant']),
    ];
    const valid: [string, string, Record<string, unknown>][] = [
      [otherRso, 'review-assignment', { reviewerKeyId: keys.rsoId }],
      [otherRso, 'security-judgement', { foreseeableApplication: 'none', rationale: 'x' }],
      [otherApprover, 'decision/approval', {}],
      [otherApplicant, 'decision/response', { response: 'x' }],
      [otherApplicant, 'appeal', { grounds: 'x' }],
      [otherApprover, 'appeal/decision', { result: 'upheld', rationale: 'x' }],
    ];
    for (const [key, path, body] of valid) {
      const hidden = await post(key, id, path, body);
      expect({ path, status: hidden.status, code: hidden.body.code }).toEqual({ path, status: 404, code: expect.stringMatching(/NOT_FOUND$/) });
    }
    expect((await read(id)).workflow).toMatchObject({ reviewer: null, securityJudgement: null, decision: null });
  });
});
