import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

interface Assessment {
  id: string;
  caseVersion: number;
  sequence: number;
  policy: { name: string; version: number };
  research: string;
  counterparty: string;
  level: string;
  route: string;
  findings: { rule: string; explanation: string; subject: string }[];
  escalationRecommendation: { targets: { target: string }[] };
}

function proposal(kind: 'fast-lane' | 'quantum' | 'military', extra: Record<string, unknown> = {}): Record<string, unknown> {
  const shapes = {
    'fast-lane': { researchStage: 'fundamental', technologyAreas: ['none'], partners: [{ name: 'Leiden University', country: 'NL', type: 'university', identifiers: { ror: '027bh9e22' } }] },
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
    personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: disclosure() }],
    ...extra,
  };
}

describe('appraisal in the worker: assessment stored, case routed', () => {
  let system: TestSystem;
  let admin: string;
  let integrator: string;
  let rso: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    ({ adminKey: admin } = await system.createTenant('funder', 'Research Council'));
    integrator = await system.issueKey(admin, ['integrator']);
    rso = await system.issueKey(admin, ['rso']);
  });
  afterAll(() => system.stop());

  const submit = async (body: Record<string, unknown>): Promise<string> =>
    (await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(body).expect(202)).body.id as string;
  const appraised = async (caseId: string, sequence = 1): Promise<Assessment> =>
    waitFor(async () => {
      const response = await system.http().get(`/v1/cases/${caseId}/assessments/latest`).set('Authorization', `Bearer ${rso}`);
      return response.status === 200 && response.body.sequence === sequence ? (response.body as Assessment) : undefined;
    }, `assessment ${sequence} of case ${caseId}`);
  const read = async (caseId: string) => (await system.http().get(`/v1/cases/${caseId}`).set('Authorization', `Bearer ${rso}`).expect(200)).body;
  const timeline = async (caseId: string) =>
    (await system.http().get(`/v1/cases/${caseId}/events`).set('Authorization', `Bearer ${rso}`).expect(200)).body.items as {
      type: string;
      actor: { kind: string };
      data: Record<string, unknown>;
    }[];

  it('clears a low-risk case through the proportionality fast lane with a system decision to proceed', async () => {
    const employmentOnly = { ...disclosure(), supportSources: [] };
    const id = await submit(proposal('fast-lane', { personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: employmentOnly }] }));
    const assessment = await appraised(id);
    // Only informational findings: none asks for a review.
    expect(assessment.findings.every((finding) => (finding as { effect?: string }).effect === 'none')).toBe(true);
    expect(assessment).toMatchObject({ research: 'R0', level: 'low', route: 'auto_clear', policy: { name: 'ajar-default', version: 0 } });
    const current = await waitFor(async () => {
      const body = await read(id);
      return body.state === 'cleared' ? body : undefined;
    }, 'the case to be cleared');
    expect(current.level).toBe('low');
    const events = await timeline(id);
    const decision = events.find((event) => event.type === 'DecisionRecorded');
    expect(decision).toMatchObject({ actor: { kind: 'system' }, data: { outcome: 'proceed', decidedBy: 'system', reasonCodes: ['RS-F-006'], assessmentId: assessment.id } });
  });

  it('sends a sensitive-technology case to review with explained findings', async () => {
    const id = await submit(proposal('quantum'));
    const assessment = await appraised(id);
    expect(assessment).toMatchObject({ research: 'R2', level: 'medium', route: 'review' });
    expect(assessment.findings.every((finding) => /^RS-[A-Z]-\d{3}$/.test(finding.rule) && finding.explanation.length > 20)).toBe(true);
    const ids = assessment.findings.map((finding) => (finding as { id?: string }).id);
    expect(ids.every((id) => typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const current = await waitFor(async () => {
      const body = await read(id);
      return body.state === 'in_review' ? body : undefined;
    }, 'the case to await review');
    expect(current.level).toBe('medium');
    const completed = (await timeline(id)).find((event) => event.type === 'ScreeningCompleted');
    expect(completed?.data).toMatchObject({ assessmentId: assessment.id, level: 'medium', route: 'review', caseVersion: 1 });
  });

  it('recommends escalation for a military partner on export-controlled work, and leaves the decision to people', async () => {
    const id = await submit(proposal('military'));
    const assessment = await appraised(id);
    expect(assessment).toMatchObject({ research: 'R3', level: 'very_high', route: 'escalate' });
    expect(assessment.escalationRecommendation.targets.map((target) => target.target)).toContain('export_control');
    await waitFor(async () => (await read(id)).state === 'in_review', 'the case to await review');
    expect((await timeline(id)).some((event) => event.type === 'DecisionRecorded')).toBe(false);
  });

  it('appraises a case under its call\'s policy version, or the tenant\'s default policy', async () => {
    await system.http().put('/v1/policies/default').set('Authorization', `Bearer ${admin}`).send({ responseWindowDays: 10 }).expect(201);
    await system.http().put('/v1/policies/quantum-call').set('Authorization', `Bearer ${admin}`).send({ responseWindowDays: 20 }).expect(201);
    await system.http().put('/v1/policies/quantum-call').set('Authorization', `Bearer ${admin}`).send({ responseWindowDays: 25 }).expect(201);
    const call = await system
      .http()
      .post('/v1/calls')
      .set('Authorization', `Bearer ${admin}`)
      .send({ title: 'Quantum 2027', policy: { name: 'quantum-call', version: 1 } })
      .expect(201);

    const underCall = await submit(proposal('quantum', { kind: 'funding_proposal', callId: call.body.id }));
    const underDefault = await submit(proposal('quantum'));
    expect((await appraised(underCall)).policy).toEqual({ name: 'quantum-call', version: 1 });
    expect((await appraised(underDefault)).policy).toEqual({ name: 'default', version: 1 });
  });

  it('never stores a second assessment for a redelivered job, and appraises an amended version again', async () => {
    const id = await submit(proposal('quantum'));
    await appraised(id);
    await waitFor(async () => (await read(id)).state === 'in_review', 'the first appraisal to route the case');

    // Redeliver the same request as a new job, as BullMQ would after a lost lock.
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const appraisal = new Queue('appraisal', { connection: redis, prefix: system.prefix });
    try {
      const [message] = await system.query<{ id: string; envelope: Record<string, unknown> }>(
        `SELECT o.id, o.envelope FROM outbox_messages o JOIN events e ON e.id = o.event_id WHERE e.stream_id = $1`,
        [id],
      );
      const again = await appraisal.add('case.screening_requested.v1', message.envelope, { jobId: `${message.id}-again` });
      await waitFor(async () => (await appraisal.getJob(again.id as string))?.finishedOn, 'the redelivered job to finish');
    } finally {
      await appraisal.close();
      await redis.quit();
    }
    expect(await system.query(`SELECT 1 FROM assessments WHERE case_id = $1`, [id])).toHaveLength(1);
    // Stored assessments are immutable in the database itself.
    await expect(system.query(`UPDATE assessments SET level = 'low' WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(system.query(`DELETE FROM assessments WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);

    // An amendment in review starts a new version; it is appraised on its own.
    await system.http().patch(`/v1/cases/${id}`).set('Authorization', `Bearer ${integrator}`).send({ personnel: proposal('quantum').personnel }).expect(202);
    const second = await appraised(id, 2);
    expect(second.caseVersion).toBe(2);
    const all = await system.http().get(`/v1/cases/${id}/assessments`).set('Authorization', `Bearer ${rso}`).expect(200);
    expect(all.body.items.map((item: Assessment) => [item.sequence, item.caseVersion])).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });

  it('answers 404 for another tenant\'s assessments and for a case not yet appraised', async () => {
    const other = await system.createTenant('institution', 'Elsewhere');
    const otherRso = await system.issueKey(other.adminKey, ['rso']);
    const id = await submit(proposal('quantum'));
    await appraised(id);
    await system.http().get(`/v1/cases/${id}/assessments`).set('Authorization', `Bearer ${otherRso}`).expect(404);
    await system.http().get(`/v1/cases/${id}/assessments/latest`).set('Authorization', `Bearer ${otherRso}`).expect(404);
    const waiting = await submit(proposal('quantum', { personnel: [{ ref: 'p1', name: 'No Disclosure Yet', role: 'pi' }] }));
    const none = await system.http().get(`/v1/cases/${waiting}/assessments/latest`).set('Authorization', `Bearer ${rso}`).expect(404);
    expect(none.body.code).toBe('ASSESSMENT.NOT_FOUND');
  });
});

describe('rule inputs carried by the case', () => {
  let system: TestSystem;
  let integrator: string;
  let rso: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    const { adminKey } = await system.createTenant('institution', 'University of Example');
    integrator = await system.issueKey(adminKey, ['integrator']);
    rso = await system.issueKey(adminKey, ['rso']);
  });
  afterAll(() => system.stop());

  it('feeds partner due-diligence answers and agreement terms to the engine', async () => {
    const body = proposal('quantum', {
      partners: [
        {
          name: 'Acme Photonics B.V.',
          country: 'NL',
          type: 'company',
          dueDiligence: { identityVerified: 'yes', militaryOrSecurityAffiliation: 'yes' },
          agreement: { status: 'signed', terms: { mirrorLab: true } },
        },
      ],
      aimsToAdvanceSTRA: true,
      dataSensitivity: { geneticOrMedical: true },
    });
    const id = (await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(body).expect(202)).body.id as string;
    const assessment = await waitFor(async () => {
      const response = await system.http().get(`/v1/cases/${id}/assessments/latest`).set('Authorization', `Bearer ${rso}`);
      return response.status === 200 ? (response.body as Assessment) : undefined;
    }, 'the assessment');
    const rules = assessment.findings.map((finding) => finding.rule);
    expect(rules).toContain('RS-P-002');
    expect(assessment.findings.find((finding) => finding.rule === 'RS-P-002')?.subject).toBe('/partners/0');
  });

  it('refuses answers outside yes, no, unsure and unknown contract features, naming the field', async () => {
    const bad = proposal('quantum', {
      partners: [{ name: 'Acme', country: 'NL', type: 'company', dueDiligence: { identityVerified: 'probably' } }],
    });
    const response = await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(bad).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['partners[0].dueDiligence.identityVerified']);
    const features = proposal('quantum', {
      personnel: [{ ref: 'p1', name: 'A', role: 'pi', disclosure: { ...disclosure(), talentProgrammes: [{ name: 'Plan', status: 'active', features: ['f10'] }] } }],
    });
    const refused = await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(features).expect(400);
    expect(refused.body.errors[0].field).toBe('personnel[0].disclosure.talentProgrammes[0].features');
  });
});
