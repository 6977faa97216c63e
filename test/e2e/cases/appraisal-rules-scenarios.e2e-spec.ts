import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

// The realistic scenarios of RULES.md, posted through the API and appraised by the worker against
// the tenant's lists, each yielding what a research security officer would expect.

interface Finding {
  id: string;
  rule: string;
  severity: string;
  effect: string;
  subject: string;
  explanation: string;
  mitigations: string[];
}
interface Assessment {
  research: string;
  counterparty: string;
  integrity: string;
  level: string;
  route: string;
  findings: Finding[];
  escalationRecommendation: { targets: { target: string }[] };
}

const LISTS: { listId: string; kind: string; entries: Record<string, unknown>[] }[] = [
  {
    listId: 'un-eu-sanctions',
    kind: 'sanctions',
    entries: [{ entryId: 'san-1', schema: 'organisation', name: 'Sample Photonics Ltd', country: 'BV', identifiers: { registration: 'SP-998877' }, topics: ['sanction'] }],
  },
  {
    listId: 'named-research-organisations',
    kind: 'research_security',
    entries: [
      { entryId: 'nro-1', schema: 'organisation', name: 'Example Academy of Applied Sciences', country: 'AQ', topics: ['export.control'] },
      { entryId: 'nro-2', schema: 'organisation', name: 'Westbrook Polytechnic University', country: 'AQ', topics: ['defence.1286'] },
    ],
  },
];

function proposal(overrides: Record<string, unknown>, person: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'funding_proposal',
    title: 'Scenario',
    researchStage: 'fundamental',
    technologyAreas: ['none'],
    publicationIntent: 'open',
    partners: [{ name: 'Leiden University', country: 'NL', type: 'university', identifiers: { ror: '027bh9e22' }, dueDiligence: { identityVerified: 'yes' } }],
    personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: { ...disclosure(), supportSources: [] }, ...person }],
    ...overrides,
  };
}

describe('RULES.md scenarios, end to end', () => {
  let system: TestSystem;
  let admin: string;
  let integrator: string;
  let rso: string;
  let tenantId: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: true });
    ({ adminKey: admin, tenantId } = await system.createTenant('funder', 'Research Council'));
    integrator = await system.issueKey(admin, ['integrator']);
    rso = await system.issueKey(admin, ['rso']);
    for (const list of LISTS) {
      await system.query(
        `INSERT INTO reference_list_versions (tenant_id, list_id, version, kind, topic_severity, entry_count, created_at) VALUES ($1, $2, 1, $3, '{}', $4, now())`,
        [tenantId, list.listId, list.kind, list.entries.length],
      );
      for (const entry of list.entries) {
        await system.query(`INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry) VALUES ($1, $2, 1, $3, $4)`, [
          tenantId,
          list.listId,
          entry.entryId,
          JSON.stringify(entry),
        ]);
      }
    }
  });
  afterAll(() => system.stop());

  const readCase = async (id: string) => (await system.http().get(`/v1/cases/${id}`).set('Authorization', `Bearer ${rso}`).expect(200)).body;
  const assessmentNumber = (id: string, sequence: number): Promise<Assessment> =>
    waitFor(async () => {
      const response = await system.http().get(`/v1/cases/${id}/assessments/latest`).set('Authorization', `Bearer ${rso}`);
      return response.status === 200 && response.body.sequence === sequence ? (response.body as Assessment) : undefined;
    }, `assessment ${sequence} of ${id}`);

  async function appraise(body: Record<string, unknown>): Promise<{ id: string; assessment: Assessment; state: string; rules: string[] }> {
    const id = (await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(body).expect(202)).body.id as string;
    const assessment = await waitFor(async () => {
      const response = await system.http().get(`/v1/cases/${id}/assessments/latest`).set('Authorization', `Bearer ${rso}`);
      return response.status === 200 ? (response.body as Assessment) : undefined;
    }, `the assessment of ${id}`);
    const state = await waitFor(async () => {
      const body = (await system.http().get(`/v1/cases/${id}`).set('Authorization', `Bearer ${rso}`).expect(200)).body;
      return body.state !== 'screening' ? (body.state as string) : undefined;
    }, 'the case to leave screening');
    for (const finding of assessment.findings) expect(finding.explanation.length).toBeGreaterThan(30);
    return { id, assessment, state, rules: assessment.findings.map((finding) => finding.rule) };
  }

  it('a low-risk fundamental project clears through the fast lane', async () => {
    const { assessment, state } = await appraise(proposal({}));
    expect(assessment).toMatchObject({ research: 'R0', level: 'low', route: 'auto_clear' });
    expect(state).toBe('cleared');
  });

  it('a top-4 technology with a partner on a research-security list goes to review with the hit to adjudicate', async () => {
    const { assessment, state, rules } = await appraise(
      proposal({
        researchStage: 'applied',
        technologyAreas: ['quantum'],
        partners: [{ name: 'Westbrook Polytechnic University', country: 'AQ', type: 'university' }],
      }),
    );
    expect(rules).toEqual(expect.arrayContaining(['RS-T-002', 'RS-L-004']));
    expect(assessment.research).toBe('R2');
    // A name match is a candidate until a person confirms it (RS-L-007): the case goes to a
    // reviewer with the hit to adjudicate; a confirmed hit would make it C3 and the case high.
    expect(assessment.findings.find((finding) => finding.rule === 'RS-L-004')).toMatchObject({ subject: '/partners/0', effect: 'review' });
    expect(['medium', 'high', 'very_high']).toContain(assessment.level);
    expect(['review', 'escalate']).toContain(assessment.route);
    expect(state).toBe('in_review');
  });

  it('a sanctioned partner, identified by its registration number, blocks the case for a person to confirm', async () => {
    const { id, assessment, state, rules } = await appraise(
      proposal({ partners: [{ name: 'Sample Photonics Limited', country: 'BV', type: 'company', identifiers: { registration: 'SP-998877' } }] }),
    );
    expect(rules).toEqual(expect.arrayContaining(['RS-L-001', 'RS-C-007']));
    expect(assessment).toMatchObject({ counterparty: 'C4', level: 'blocked', route: 'not_eligible' });
    expect(state).toBe('in_review');
    const events = (await system.http().get(`/v1/cases/${id}/events`).set('Authorization', `Bearer ${rso}`).expect(200)).body.items;
    expect(events.find((event: { type: string }) => event.type === 'ScreeningCompleted').data).toMatchObject({ ineligibilityProposed: true });
    expect(events.some((event: { type: string }) => event.type === 'DecisionRecorded')).toBe(false);
  });

  it('research aiming to advance an STRA with a researcher affiliated to a named research organisation is held for review under CA-STRAC', async () => {
    await system.http().put('/v1/policies/strac').set('Authorization', `Bearer ${admin}`).send({ packs: ['CA-STRAC'] }).expect(201);
    const call = await system.http().post('/v1/calls').set('Authorization', `Bearer ${admin}`).send({ title: 'Alliance 2027', policy: { name: 'strac' } }).expect(201);
    const nroAffiliation = {
      ...disclosure(),
      supportSources: [],
      affiliations: [
        ...(disclosure().affiliations as unknown[]),
        { organisation: { name: 'Example Academy of Applied Sciences', country: 'AQ' }, type: 'visiting', paid: true, from: '2024-01', to: null },
      ],
    };
    const { id, assessment, state, rules } = await appraise(
      proposal({ callId: call.body.id, aimsToAdvanceSTRA: true, technologyAreas: ['quantum'], researchStage: 'applied' }, { disclosure: nroAffiliation }),
    );
    // The NRO match on the affiliation is a candidate to adjudicate; once a person confirms it,
    // RS-C-001 makes the case ineligible (engine spec: rules/pack/pack-rules.spec.ts).
    expect(rules).toEqual(expect.arrayContaining(['RS-T-003', 'RS-L-003']));
    expect(assessment.findings.find((finding) => finding.rule === 'RS-L-003')).toMatchObject({
      subject: '/personnel/0/disclosure/affiliations/1/organisation',
      effect: 'review',
    });
    expect(assessment.route).not.toBe('auto_clear');
    expect(state).toBe('in_review');

    // The RSO confirms the match: the case is screened again and STRAC makes it ineligible,
    // which a person must still confirm.
    const hit = assessment.findings.find((finding) => finding.rule === 'RS-L-003') as Finding;
    await system
      .http()
      .post(`/v1/cases/${id}/list-hits/${hit.id}/adjudication`)
      .set('Authorization', `Bearer ${rso}`)
      .send({ decision: 'confirmed', reason: 'Same institution: address and department match the NRO entry.' })
      .expect(202);
    const second = await assessmentNumber(id, 2);
    expect(second.findings.find((finding) => finding.rule === 'RS-C-001')).toMatchObject({ severity: 'S4', effect: 'ineligible' });
    expect(second.route).toBe('not_eligible');
    await waitFor(async () => (await readCase(id)).state === 'in_review', 'the case to return to review');
  });

  it('a false positive stays cleared: the case is screened again without the hit', async () => {
    const { id, assessment } = await appraise(
      proposal({ technologyAreas: [], partners: [{ name: 'Sample Photonics Ltd', country: 'NL', type: 'company', dueDiligence: { identityVerified: 'yes' } }] }),
    );
    const hit = assessment.findings.find((finding) => finding.rule === 'RS-L-001') as Finding;
    expect(hit).toMatchObject({ effect: 'review', subject: '/partners/0' });

    // Refusals first: wrong role, unknown hit, a finding that is not a list hit, bad body.
    const adjudicate = (hitId: string, key = rso, body: Record<string, unknown> = { decision: 'false_positive', reason: 'A Dutch company, registration differs.' }) =>
      system.http().post(`/v1/cases/${id}/list-hits/${hitId}/adjudication`).set('Authorization', `Bearer ${key}`).send(body);
    expect((await adjudicate(hit.id, integrator)).status).toBe(403);
    expect((await adjudicate('01a20000-0000-7000-8000-000000000000')).body.code).toBe('LIST_HIT.NOT_FOUND');
    const notAListHit = assessment.findings.find((finding) => !finding.rule.startsWith('RS-L-')) as Finding;
    const refused = await adjudicate(notAListHit.id);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'hitId', reason: 'not a list hit' }]);
    const badBody = await adjudicate(hit.id, rso, { decision: 'maybe', reason: 'x' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['decision', 'reason']);

    await adjudicate(hit.id).expect(202);
    const second = await assessmentNumber(id, 2);
    expect(second.findings.some((finding) => finding.rule === 'RS-L-001')).toBe(false);
    const events = (await system.http().get(`/v1/cases/${id}/events`).set('Authorization', `Bearer ${rso}`).expect(200)).body.items;
    expect(events.find((event: { type: string }) => event.type === 'ListHitAdjudicated').data).toMatchObject({
      hitId: hit.id,
      decision: 'false_positive',
      listId: 'un-eu-sanctions',
      entryId: 'san-1',
      subject: '/partners/0',
    });
    await waitFor(async () => (await readCase(id)).state === 'in_review', 'the case to return to review');
  });

  it('an undisclosed talent programme with contract features needs mitigation and raises the integrity modifier', async () => {
    const withProgramme = {
      ...disclosure(),
      supportSources: [],
      talentProgrammes: [{ name: 'Thousand Ideas Plan', sponsor: { name: 'Talent Agency', country: 'AQ' }, status: 'active', features: ['f1', 'f4'], foundUndisclosed: true }],
    };
    const { assessment, state, rules } = await appraise(proposal({}, { disclosure: withProgramme }));
    expect(rules).toEqual(expect.arrayContaining(['RS-D-010', 'RS-D-007']));
    expect(assessment.findings.find((finding) => finding.rule === 'RS-D-010')).toMatchObject({ effect: 'mitigate', severity: 'S3' });
    expect(assessment.integrity).not.toBe('I0');
    expect(assessment.route).not.toBe('auto_clear');
    expect(state).toBe('in_review');
  });

  it('an ethics-sensitive end use goes to the ethics committee', async () => {
    const { assessment, state, rules } = await appraise(
      proposal({ researchStage: 'applied', technologyAreas: ['ai'], endUse: 'Crowd surveillance analytics for city authorities' }),
    );
    expect(rules).toEqual(expect.arrayContaining(['RS-T-009', 'RS-E-001']));
    expect(assessment.route).toBe('escalate');
    expect(assessment.escalationRecommendation.targets.map((target) => target.target)).toContain('ethics_committee');
    expect(state).toBe('in_review');
  });
});
