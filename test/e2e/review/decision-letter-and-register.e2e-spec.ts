import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

type Shape = 'fast-lane' | 'quantum' | 'military' | 'sanctioned';

// Short due times through the policy itself (days may be fractions): 0.00003 days ≈ 2.6 s.
const SHORT_DAYS = 0.00003;
process.env.AJAR_DEADLINE_SWEEP_MS = '300';

const FORMULA_REF = '=HYPERLINK("http://evil.example","click")';
const HOSTILE = '<script>alert("x")</script>';

function proposal(kind: Shape, extra: Record<string, unknown> = {}): Record<string, unknown> {
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
  // The fast lane needs an integrity modifier of I0: employment only, no further support.
  const filed = kind === 'fast-lane' ? { ...disclosure(), supportSources: [] } : disclosure();
  return { kind: 'collaboration', title: `A ${kind} proposal`, ...shapes[kind], personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: filed }], ...extra };
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
  approverBId: string;
  auditor: string;
  ethics: string;
  advisor: string;
}

interface Finding {
  id: string;
  rule: string;
  ruleVersion: number;
  explanation: string;
}

interface RegisterItem {
  caseId: string;
  externalRef: string | null;
  callId: string | null;
  level: string;
  state: string;
  route: string | null;
  research: string | null;
  escalations: { target: string; status: string; dueAt: string; overdue: boolean }[];
  decision: { outcome: string; status: string; approvers: string[] } | null;
  createdAt: string;
}

describe('the decision letter and the research-security register', () => {
  let system: TestSystem;
  let keys: Keys;
  let tenantId: string;
  let callId: string;
  // The cases, in the order they were submitted (newest last).
  const cases = { fastLane: '', quantum: '', military: '', sanctioned: '', escalated: '' };

  const keyId = async (key: string): Promise<string> =>
    (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE key_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [key]))[0]?.id ?? '';
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const read = async (id: string) => (await system.http().get(`/v1/cases/${id}`).set(as(keys.rso)).expect(200)).body;
  const submitted = async (kind: Shape, state: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const id = (await system.http().post('/v1/cases').set(as(keys.integrator)).send(proposal(kind, extra)).expect(202)).body.id as string;
    await waitFor(async () => (await read(id)).state === state, `case ${id} to reach ${state}`);
    return id;
  };
  const post = (key: string, id: string, path: string, body: Record<string, unknown> = {}) => system.http().post(`/v1/cases/${id}/${path}`).set(as(key)).send(body);
  const letter = (id: string, key = keys.auditor) => system.http().get(`/v1/cases/${id}/decision-letter`).set(as(key));
  const register = (query: Record<string, string | number> = {}, key = keys.auditor) => system.http().get('/v1/register').query(query).set(as(key));
  const latestAssessment = async (id: string) => (await system.http().get(`/v1/cases/${id}/assessments/latest`).set(as(keys.rso)).expect(200)).body;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    const tenant = await system.createTenant('funder', 'Research Council');
    tenantId = tenant.tenantId;
    const admin = tenant.adminKey;
    await system
      .http()
      .put('/v1/policies/default')
      .set(as(admin))
      .send({ appealWindowDays: 30, slaDays: { export_control: 30, legal: SHORT_DAYS, ethics_committee: 30, national_advisor: 30 } })
      .expect(201);
    callId = (await system.http().post('/v1/calls').set(as(admin)).send({ title: 'Defence 2027', policy: { name: 'default' } }).expect(201)).body.id as string;
    const rso = await system.issueKey(admin, ['rso'], 'Research Security Office');
    const approverA = await system.issueKey(admin, ['approver'], 'Approver A');
    const approverB = await system.issueKey(admin, ['approver'], 'Approver B');
    keys = {
      admin,
      integrator: await system.issueKey(admin, ['integrator']),
      applicant: await system.issueKey(admin, ['applicant']),
      rso,
      rsoId: await keyId(rso),
      approverA,
      approverAId: await keyId(approverA),
      approverB,
      approverBId: await keyId(approverB),
      auditor: await system.issueKey(admin, ['auditor']),
      ethics: await system.issueKey(admin, ['ethics_committee']),
      // The one role the letter is not for; it exists only in advisory-body tenants.
      advisor: await system.issueKey((await system.createTenant('advisory_body', 'National Contact Point')).adminKey, ['national_advisor']),
    };
    await system.query(
      `INSERT INTO reference_list_versions (tenant_id, list_id, version, kind, topic_severity, entry_count, created_at) VALUES ($1, 'sanctions', 1, 'sanctions', '{}', 1, now())`,
      [tenantId],
    );
    await system.query(`INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry) VALUES ($1, 'sanctions', 1, 'san-1', $2)`, [
      tenantId,
      JSON.stringify({ entryId: 'san-1', schema: 'organisation', name: 'Sample Photonics Ltd', country: 'BV', identifiers: { registration: 'SP-998877' }, topics: ['sanction'] }),
    ]);

    // One of each path, one after the other so that their creation times are ordered.
    cases.fastLane = await submitted('fast-lane', 'cleared', { externalRef: 'fast-1' });
    cases.quantum = await submitted('quantum', 'in_review', { externalRef: 'quantum-1' });
    cases.military = await submitted('military', 'in_review', { externalRef: FORMULA_REF, callId });
    cases.sanctioned = await submitted('sanctioned', 'in_review', { externalRef: 'sanctioned-1' });
    cases.escalated = await submitted('quantum', 'in_review', { externalRef: 'escalated-1' });
  });
  afterAll(() => system.stop());

  describe('GET /v1/cases/{id}/decision-letter', () => {
    it('is refused with 409 DECISION.NOT_RECORDED while the case has no decision', async () => {
      const refused = await letter(cases.quantum).expect(409);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'DECISION.NOT_RECORDED', status: 409, details: { reason: 'none' } });
    });

    it('records a single approver\'s proceed: reasons with rule titles and the findings\' explanations of the assessment used, approver and reviewer by name, versions in force', async () => {
      const id = cases.quantum;
      const screening = (await read(id)).workflow.screening;
      expect(screening.ruleCodes).toContain('RS-T-002');
      await post(keys.rso, id, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(200);
      await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'possible', rationale: 'Imaging sensors; no defence end user.' }).expect(200);
      await post(keys.approverA, id, 'decision', { outcome: 'proceed', reasonCodes: ['RS-T-002'], rationale: `Open research. ${HOSTILE}`, conditions: ['Annual report'] }).expect(200);

      const assessment = await latestAssessment(id);
      const body = (await letter(id).expect(200).expect('Content-Type', /application\/json/)).body;
      expect(body.case).toMatchObject({ id, title: 'A quantum proposal', kind: 'collaboration', externalRef: 'quantum-1', callId: null, caseVersion: 1, state: 'monitoring' });
      expect(body.decision).toMatchObject({
        decidedBy: 'approvers',
        outcome: 'proceed',
        status: 'final',
        caseVersion: 1,
        assessmentId: assessment.id,
        rationale: `Open research. ${HOSTILE}`,
        conditions: ['Annual report'],
        proposedAt: expect.any(String),
        recordedAt: expect.any(String),
        finalAt: expect.any(String),
        responseDueAt: null,
        appealDueAt: null,
      });
      const t002 = (assessment.findings as Finding[]).filter((finding) => finding.rule === 'RS-T-002');
      expect(t002.length).toBeGreaterThan(0);
      expect(body.reasons).toEqual([
        {
          code: 'RS-T-002',
          title: expect.any(String),
          ruleVersions: [...new Set(t002.map((finding) => finding.ruleVersion))],
          findings: t002.map((finding) => expect.objectContaining({ id: finding.id, explanation: finding.explanation, ruleVersion: finding.ruleVersion })),
        },
      ]);
      expect(body.reasons[0].title.length).toBeGreaterThan(3);
      expect(body.approvers).toEqual([{ keyId: keys.approverAId, name: 'Approver A', role: 'proposer' }]);
      expect(body.reviewer).toEqual({ keyId: keys.rsoId, name: 'Research Security Office' });
      expect(body.securityJudgement).toMatchObject({ foreseeableApplication: 'possible', by: { keyId: keys.rsoId } });
      expect(body.applicantResponse).toBeNull();
      expect(body.earlierDecisions).toEqual([]);
      expect(body.escalations).toEqual([]);
      expect(body.mitigation).toBeNull();
      expect(body.basis).toMatchObject({
        assessmentId: assessment.id,
        level: 'medium',
        policy: assessment.policy,
        referenceLists: assessment.referenceLists,
      });
      const ruleVersions = new Set((assessment.findings as Finding[]).map((finding) => `${finding.rule}@${finding.ruleVersion}`));
      expect(new Set((body.basis.ruleVersions as { rule: string; version: number }[]).map((rule) => `${rule.rule}@${rule.version}`))).toEqual(ruleVersions);
    });

    it('as HTML with Accept: text/html: one self-contained document with every value escaped', async () => {
      const response = await letter(cases.quantum).set('Accept', 'text/html').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers.vary).toMatch(/Accept/);
      const html = response.text;
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).not.toContain('<script');
      expect(html).toContain('Open research. &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(html).not.toMatch(/<link|src=|@import|url\(/i);
      for (const text of ['A quantum proposal', 'Proceed', 'RS-T-002', 'Approver A', 'Research Security Office', 'Annual report']) {
        expect({ text, found: html.includes(text) }).toEqual({ text, found: true });
      }
      // A browser's Accept header gets the HTML too; no Accept gets JSON.
      const browser = await letter(cases.quantum).set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8').expect(200);
      expect(browser.headers['content-type']).toMatch(/^text\/html/);
    });

    it('four-eyes after escalation and an agreed plan: 409 while the proposal awaits its second approver, then both approvers, the measures, residual risk and the advice', async () => {
      const id = cases.military;
      expect((await read(id)).workflow.screening).toMatchObject({ level: 'very_high' });
      await post(keys.rso, id, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(200);
      await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'likely', rationale: 'Military end user.' }).expect(200);
      const escalationId = (await post(keys.rso, id, 'escalations', { target: 'ethics_committee', question: 'Is the defence end use acceptable?' }).expect(201)).body.escalationId as string;
      await system.http().post(`/v1/escalations/${escalationId}/advice`).set(as(keys.ethics)).send({ recommendation: 'proceed_with_conditions', advice: 'With a TCP.' }).expect(200);

      // A plan with a measure for every significant finding, agreed; the re-appraisal records the residual risk.
      const inherent = (await system.http().get(`/v1/cases/${id}/assessments`).set(as(keys.rso)).expect(200)).body.items[0];
      const significant = [...new Set((inherent.findings as { severity: string; mitigations: string[] }[]).filter((f) => ['S2', 'S3'].includes(f.severity)).flatMap((f) => f.mitigations))];
      const measures = significant.map((measure) => ({
        measure,
        strength: 'required',
        owner: 'research office',
        dueInDays: 30,
        evidenceExpected: 'Signed record',
        ...(measure === 'MIT-15' ? { legalBasis: 'EU 2021/821 licence condition' } : {}),
      }));
      expect(measures.length).toBeGreaterThan(0);
      const proposed = await post(keys.rso, id, 'mitigation-plan', { measures }).expect(201);
      const plan = (await read(id)).workflow.mitigationPlan;
      // The answer names the plan and its measures: no second read needed to agree it.
      expect(proposed.body).toMatchObject({ planId: plan.id, measureIds: plan.measures.map((measure: { id: string }) => measure.id) });
      const planId = proposed.body.planId as string;
      await post(keys.applicant, id, 'mitigation-plan/agreement', { planId }).expect(200);
      await waitFor(async () => (await read(id)).workflow.residual?.planId === planId, 'the residual risk of the agreed plan');

      await post(keys.approverA, id, 'decision', { outcome: 'proceed_with_mitigation', reasonCodes: ['RS-T-004'], rationale: 'With the agreed plan.' }).expect(200);
      const awaiting = await letter(id).expect(409);
      expect(awaiting.body).toMatchObject({ code: 'DECISION.NOT_RECORDED', details: { reason: 'awaiting_second_approval' } });

      await post(keys.approverB, id, 'decision/approval').expect(200);
      const body = (await letter(id).expect(200)).body;
      expect(body.decision).toMatchObject({ outcome: 'proceed_with_mitigation', status: 'final', decidedBy: 'approvers' });
      expect(body.approvers).toEqual([
        { keyId: keys.approverAId, name: 'Approver A', role: 'proposer' },
        { keyId: keys.approverBId, name: 'Approver B', role: 'second_approver' },
      ]);
      expect(body.case).toMatchObject({ callId, externalRef: FORMULA_REF });
      const used = ((await system.http().get(`/v1/cases/${id}/assessments`).set(as(keys.rso)).expect(200)).body.items as { id: string; findings: Finding[] }[]).find(
        (assessment) => assessment.id === body.decision.assessmentId,
      );
      expect(used).toBeDefined();
      const t004 = (used?.findings ?? []).filter((finding) => finding.rule === 'RS-T-004');
      expect(body.reasons).toEqual([expect.objectContaining({ code: 'RS-T-004', title: expect.any(String), findings: t004.map((finding) => expect.objectContaining({ id: finding.id, explanation: finding.explanation })) })]);
      expect(body.basis.assessmentId).toBe(body.decision.assessmentId);
      expect(body.mitigation).toMatchObject({ planId, status: 'agreed', agreedAt: expect.any(String) });
      expect(body.mitigation.measures).toEqual(
        measures.map((measure) => ({ measure: measure.measure, strength: 'required', owner: 'research office', dueAt: expect.any(String), status: 'pending', completedAt: null })),
      );
      expect(body.residual).toMatchObject({ inherentLevel: 'very_high', residualLevel: expect.any(String), mitigatedRules: expect.any(Array), unmitigatedRules: [] });
      expect(body.escalations).toEqual([
        { target: 'ethics_committee', status: 'answered', requestedAt: expect.any(String), dueAt: expect.any(String), advice: { recommendation: 'proceed_with_conditions', at: expect.any(String) } },
      ]);
      const html = (await letter(id).set('Accept', 'text/html').expect(200)).text;
      for (const text of ['Proceed with mitigation', 'Approver B', 'second approver', 'Mitigation measures', 'research office', 'Residual risk', 'ethics_committee', 'proceed_with_conditions']) {
        expect({ text, found: html.includes(text) }).toEqual({ text, found: true });
      }
    });

    it('an adverse decision in its response window, with the applicant\'s response', async () => {
      const id = cases.sanctioned;
      expect((await read(id)).workflow.screening).toMatchObject({ level: 'blocked', route: 'not_eligible' });
      await post(keys.rso, id, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(200);
      await post(keys.approverA, id, 'decision', { outcome: 'not_eligible', reasonCodes: ['RS-L-001', 'RS-C-007'], rationale: 'The partner is under sanctions.' }).expect(200);
      await post(keys.approverB, id, 'decision/approval').expect(200);
      await post(keys.applicant, id, 'decision/response', { response: 'The partner is a different company.' }).expect(200);

      const body = (await letter(id, keys.applicant).expect(200)).body;
      expect(body.decision).toMatchObject({ outcome: 'not_eligible', status: 'response_window', finalAt: null, responseDueAt: expect.any(String), appealDueAt: null });
      expect(body.applicantResponse).toEqual({ at: expect.any(String), text: 'The partner is a different company.' });
      expect(body.reasons.map((reason: { code: string }) => reason.code)).toEqual(['RS-L-001', 'RS-C-007']);
      expect(body.reasons.every((reason: { title: string | null }) => typeof reason.title === 'string')).toBe(true);
      expect(body.reasons[0].findings.length).toBeGreaterThan(0);
      expect(body.basis.referenceLists).toEqual(expect.arrayContaining([{ listId: 'sanctions', version: 1 }]));
    });

    it('an auto-cleared case: the system\'s fast-lane decision to proceed, from its assessment', async () => {
      const id = cases.fastLane;
      const assessment = await latestAssessment(id);
      const body = (await letter(id).expect(200)).body;
      expect(body.case).toMatchObject({ id, state: 'cleared', externalRef: 'fast-1' });
      expect(body.decision).toMatchObject({
        id: null,
        decidedBy: 'system',
        outcome: 'proceed',
        status: 'final',
        assessmentId: assessment.id,
        recordedAt: expect.any(String),
        finalAt: expect.any(String),
        rationale: expect.stringContaining('fast lane'),
      });
      expect(body.reasons).toEqual([{ code: 'RS-F-006', title: 'Proportionality fast lane', ruleVersions: [], findings: [] }]);
      expect(body.approvers).toEqual([]);
      expect(body.reviewer).toBeNull();
      expect(body.basis).toMatchObject({ assessmentId: assessment.id, route: 'auto_clear', policy: assessment.policy, referenceLists: assessment.referenceLists });
      const html = (await letter(id).set('Accept', 'text/html').expect(200)).text;
      expect(html).toContain('the system (proportionality fast lane, RS-F-006)');
    });

    it('is read by every role that reads cases; a national advisor is refused with 403, another tenant sees 404', async () => {
      for (const [role, key] of Object.entries({
        admin: keys.admin,
        rso: keys.rso,
        approver: keys.approverB,
        applicant: keys.applicant,
        integrator: keys.integrator,
        auditor: keys.auditor,
        ethics_committee: keys.ethics,
      })) {
        const response = await letter(cases.quantum, key);
        expect({ role, status: response.status }).toEqual({ role, status: 200 });
      }
      const refused = await letter(cases.quantum, keys.advisor).expect(403);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);

      const other = await system.createTenant('institution', 'Elsewhere');
      const otherAuditor = await system.issueKey(other.adminKey, ['auditor']);
      const hidden = await letter(cases.quantum, otherAuditor).expect(404);
      expect(hidden.body.code).toBe('CASE.NOT_FOUND');
      await letter('not-a-uuid').expect(400);
    });
  });

  describe('GET /v1/register', () => {
    beforeAll(async () => {
      // A medium case is on the register once escalated: here to legal, whose answer is due at once.
      await post(keys.rso, cases.escalated, 'escalations', { target: 'legal', question: 'Is the partner a listed entity?' }).expect(201);
      await waitFor(async () => {
        const items = (await register({ level: 'medium' }).expect(200)).body.items as RegisterItem[];
        return items[0]?.escalations[0]?.overdue === true;
      }, 'the legal escalation to be overdue');
    });

    it('holds the very-high, blocked and escalated cases, newest first, never the medium or auto-cleared ones', async () => {
      const body = (await register({ limit: 100 }).expect(200)).body as { items: RegisterItem[]; nextCursor: string | null };
      expect(body.items.map((item) => item.caseId)).toEqual([cases.escalated, cases.sanctioned, cases.military]);
      expect(body.nextCursor).toBeNull();
      const [escalated, sanctioned, military] = body.items;
      expect(escalated).toMatchObject({
        level: 'medium',
        state: 'escalated',
        externalRef: 'escalated-1',
        escalations: [{ target: 'legal', status: 'open', dueAt: expect.any(String), overdue: true }],
        decision: null,
      });
      expect(sanctioned).toMatchObject({
        externalRef: 'sanctioned-1',
        kind: 'collaboration',
        state: 'decided',
        level: 'blocked',
        route: 'not_eligible',
        research: expect.any(String),
        escalations: [],
        decision: { outcome: 'not_eligible', status: 'response_window', approvers: [keys.approverAId, keys.approverBId] },
      });
      expect(military).toMatchObject({
        level: 'very_high',
        callId,
        externalRef: FORMULA_REF,
        state: 'monitoring',
        escalations: [{ target: 'ethics_committee', status: 'answered', dueAt: expect.any(String), overdue: false }],
        decision: { outcome: 'proceed_with_mitigation', status: 'final', approvers: [keys.approverAId, keys.approverBId] },
      });
    });

    it('filters by level, state, call, escalation target, outcome and creation time', async () => {
      const ids = async (query: Record<string, string>): Promise<string[]> =>
        ((await register(query).expect(200)).body.items as RegisterItem[]).map((item) => item.caseId);
      expect(await ids({ level: 'blocked' })).toEqual([cases.sanctioned]);
      expect(await ids({ level: 'medium' })).toEqual([cases.escalated]);
      expect(await ids({ level: 'low' })).toEqual([]);
      expect(await ids({ state: 'monitoring' })).toEqual([cases.military]);
      expect(await ids({ callId })).toEqual([cases.military]);
      expect(await ids({ escalationTarget: 'legal' })).toEqual([cases.escalated]);
      expect(await ids({ escalationTarget: 'ethics_committee' })).toEqual([cases.military]);
      expect(await ids({ escalationTarget: 'export_control' })).toEqual([]);
      expect(await ids({ state: 'escalated' })).toEqual([cases.escalated]);
      expect(await ids({ outcome: 'not_eligible' })).toEqual([cases.sanctioned]);
      expect(await ids({ outcome: 'declined' })).toEqual([]);
      const sanctionedAt = (await read(cases.sanctioned)).createdAt as string;
      expect(await ids({ from: sanctionedAt })).toEqual([cases.escalated, cases.sanctioned]);
      expect(await ids({ to: sanctionedAt })).toEqual([cases.military]);
      expect(await ids({ from: sanctionedAt, level: 'blocked', outcome: 'not_eligible' })).toEqual([cases.sanctioned]);
    });

    it('pages with a keyset cursor, like GET /v1/cases', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page += 1) {
        const body = (await register({ limit: 1, ...(cursor ? { cursor } : {}) }).expect(200)).body as { items: RegisterItem[]; nextCursor: string | null };
        seen.push(...body.items.map((item) => item.caseId));
        if (!body.nextCursor) break;
        cursor = body.nextCursor;
      }
      expect(seen).toEqual([cases.escalated, cases.sanctioned, cases.military]);
      const filtered = (await register({ limit: 1, level: 'blocked' }).expect(200)).body;
      expect(filtered.nextCursor).toBeNull();
    });

    it('exports CSV with Accept: text/csv or format=csv: a header, the same rows, formula cells neutralised, as an attachment', async () => {
      const response = await register().set('Accept', 'text/csv').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers['content-disposition']).toBe('attachment; filename="register.csv"');
      expect(response.headers['x-register-truncated']).toBe('false');
      const text = response.text;
      expect(text.endsWith('\r\n')).toBe(true);
      const lines = text.split('\r\n').slice(0, -1);
      expect(lines[0]).toBe(
        'case_id,external_ref,call_id,kind,state,level,route,research,escalations,overdue_escalations,decision_outcome,decision_status,decision_approvers,created_at,updated_at',
      );
      expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([cases.escalated, cases.sanctioned, cases.military]);
      const military = lines[3];
      // RFC 4180 quoting of the quotes inside, and the leading quote that keeps it text.
      expect(military).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",${callId},`);
      expect(military).toContain(',proceed_with_mitigation,final,');
      expect(lines[1]).toMatch(/,legal open due [0-9TZ:.-]+ overdue,1,,,,/);
      expect(military).toMatch(/,ethics_committee answered due [0-9TZ:.-]+,0,proceed_with_mitigation,/);
      expect(lines[2]).toContain(`,not_eligible,response_window,${keys.approverAId}; ${keys.approverBId},`);

      const byQuery = await register({ format: 'csv', level: 'blocked' }).expect(200);
      expect(byQuery.headers['content-type']).toMatch(/^text\/csv/);
      expect(byQuery.text.split('\r\n').filter((line) => line.length > 0)).toHaveLength(2);
      const empty = await register({ format: 'csv', outcome: 'declined' }).expect(200);
      expect(empty.text).toBe(`${lines[0]}\r\n`);
    });

    it('streams a register larger than one read page as one CSV, every row once, newest first', async () => {
      // Bulk rows for another tenant, cloned in the read model (the API would take minutes for this).
      const bulk = await system.createTenant('institution', 'Bulk University');
      const bulkAuditor = await system.issueKey(bulk.adminKey, ['auditor']);
      const rows = 1203;
      await system.query(
        `INSERT INTO cases (id, tenant_id, version, case_version, state, kind, call_id, external_ref, title, level, content, disclosures,
                            pending_disclosures, adjudications, workflow, created_at, updated_at)
         SELECT gen_random_uuid(), $2, version, case_version, state, kind, NULL, 'bulk-' || n, title, level, content, disclosures,
                pending_disclosures, adjudications, workflow, created_at - n * interval '1 second', updated_at
           FROM cases, generate_series(1, $3::int) AS n WHERE id = $1`,
        [cases.sanctioned, bulk.tenantId, rows],
      );
      const response = await system.http().get('/v1/register').query({ format: 'csv' }).set(as(bulkAuditor)).expect(200);
      expect(response.headers['x-register-truncated']).toBe('false');
      const lines = response.text.split('\r\n').slice(1, -1);
      expect(lines).toHaveLength(rows);
      expect(new Set(lines.map((line) => line.split(',')[0])).size).toBe(rows);
      expect(lines.map((line) => line.split(',')[1])).toEqual(Array.from({ length: rows }, (_unused, index) => `bulk-${index + 1}`));
      // The JSON pages agree on the first entries.
      const first = (await register({ limit: 2 }, bulkAuditor).expect(200)).body.items as RegisterItem[];
      expect(first.map((item) => item.externalRef)).toEqual(['bulk-1', 'bulk-2']);
    });

    it('refuses bad filters with problem+json naming the field', async () => {
      const cases_: [Record<string, string | number>, number, string][] = [
        [{ level: 'purple' }, 400, 'level'],
        [{ state: 'lost' }, 400, 'state'],
        [{ callId: 'call-1' }, 400, 'callId'],
        [{ escalationTarget: 'police' }, 400, 'escalationTarget'],
        [{ outcome: 'maybe' }, 400, 'outcome'],
        [{ from: 'yesterday' }, 400, 'from'],
        [{ limit: 0 }, 400, 'limit'],
        [{ colour: 'red' }, 400, 'colour'],
        [{ cursor: 'not-a-cursor' }, 400, 'cursor'],
        [{ format: 'xml' }, 400, 'format'],
        [{ format: 'csv', limit: 10 }, 400, 'limit'],
        [{ from: '2027-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 422, 'to'],
      ];
      for (const [query, status, field] of cases_) {
        const refused = await register(query);
        expect({ query, status: refused.status, type: refused.headers['content-type'] }).toEqual({ query, status, type: expect.stringMatching(/application\/problem\+json/) });
        expect({ query, fields: refused.body.errors.map((error: { field: string }) => error.field) }).toEqual({ query, fields: expect.arrayContaining([field]) });
      }
    });

    it('is for auditors and approvers only, and only ever shows the caller\'s tenant', async () => {
      await register({}, keys.approverA).expect(200);
      await register({}, keys.auditor).expect(200);
      for (const [role, key] of Object.entries({ rso: keys.rso, applicant: keys.applicant, admin: keys.admin, integrator: keys.integrator, ethics_committee: keys.ethics })) {
        const response = await register({}, key);
        expect({ role, status: response.status }).toEqual({ role, status: 403 });
      }
      await register({ format: 'csv' }, keys.rso).expect(403);

      const other = await system.createTenant('institution', 'Another Place');
      const otherAuditor = await system.issueKey(other.adminKey, ['auditor']);
      expect((await register({}, otherAuditor).expect(200)).body).toEqual({ items: [], nextCursor: null });
      expect((await register({ callId }, otherAuditor).expect(200)).body.items).toEqual([]);
    });
  });

  describe('an approval set aside when review re-opens', () => {
    it('answers 409 once review re-opens, then shows the earlier decision with how and when it ended', async () => {
      const id = await submitted('quantum', 'in_review', { externalRef: 'reopened-1' });
      await post(keys.rso, id, 'review-assignment', { reviewerKeyId: keys.rsoId }).expect(200);
      await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'none', rationale: 'Civil imaging.' }).expect(200);
      await post(keys.approverA, id, 'decision', { outcome: 'proceed', reasonCodes: ['RS-T-002'], rationale: 'Open research.' }).expect(200);
      const first = (await letter(id).expect(200)).body;
      expect(first.earlierDecisions).toEqual([]);

      // A new military partner: a new finding re-opens review; the approval is kept on record.
      await post(keys.integrator, id, 'change-of-circumstances', { partners: [{ name: 'Defence Research Lab', country: 'NL', type: 'military' }] }).expect(202);
      await waitFor(async () => ['in_review', 'escalated'].includes((await read(id)).state), 'review to re-open');
      const refused = await letter(id).expect(409);
      expect(refused.body).toMatchObject({ code: 'DECISION.NOT_RECORDED', details: { reason: 'superseded' } });

      await post(keys.rso, id, 'security-judgement', { foreseeableApplication: 'likely', rationale: 'Defence partner.' }).expect(200);
      const decided = await post(keys.approverA, id, 'decision', { outcome: 'declined', reasonCodes: ['RS-T-002'], rationale: 'Defence partner added.' }).expect(200);
      if (decided.body.state !== 'decided') await post(keys.approverB, id, 'decision/approval').expect(200);
      const body = (await letter(id).expect(200)).body;
      expect(body.decision).toMatchObject({ outcome: 'declined', status: 'response_window', caseVersion: 2 });
      expect(body.case.caseVersion).toBe(2);
      expect(body.earlierDecisions).toEqual([
        {
          id: first.decision.id,
          outcome: 'proceed',
          reasonCodes: ['RS-T-002'],
          caseVersion: 1,
          recordedAt: first.decision.recordedAt,
          finalAt: first.decision.finalAt,
          approvers: [{ keyId: keys.approverAId, name: 'Approver A' }],
          ended: { how: 'review_reopened', at: expect.any(String) },
        },
      ]);
      expect(body.earlierDecisions[0].ended.at >= first.decision.finalAt).toBe(true);
      const html = (await letter(id).set('Accept', 'text/html').expect(200)).text;
      expect(html).toContain('review re-opened');
    });
  });
});
