import { ReferenceIndexProvider } from '@ajar/reference-lists';
import { disclosure } from '../../support/case-fixtures';
import { TestSystem, waitFor } from '../../support/test-system';

interface Assessment {
  referenceLists: { listId: string; version: number }[];
  findings: { rule: string; evidence: { listId?: string; listVersion?: number; entryId?: string } }[];
}

const SYLLABLES = ['ka', 'ro', 'vin', 'tel', 'zha', 'xin', 'dor', 'mar', 'len', 'sul', 'bao', 'kun', 'tai', 'fen', 'rui', 'hai'];
/** A made-up two-word company name, one per number below 16^4. */
const madeUpName = (n: number): string => {
  const word = (m: number) => SYLLABLES[m % 16] + SYLLABLES[Math.floor(m / 16) % 16];
  return `${word(n)}${SYLLABLES[(n >> 8) % 16]} ${word(n >> 12)}ov Trading`;
};
const company = (id: string, name: string) => JSON.stringify({ id, schema: 'Company', properties: { name: [name], country: ['aq'], topics: ['sanction'] } });

function proposal(partnerName: string): Record<string, unknown> {
  return {
    kind: 'collaboration',
    title: 'Sensor collaboration',
    researchStage: 'applied',
    technologyAreas: ['quantum'],
    partners: [{ name: partnerName, country: 'NL', type: 'company' }],
    personnel: [{ ref: 'p1', name: 'Dr A. Researcher', role: 'pi', disclosure: disclosure() }],
  };
}

describe('a small list version on top of a large one is applied to the index as a delta', () => {
  const ENTRIES = 20_000;
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

  const upload = (body: string) =>
    system.http().post('/v1/reference-lists/watch/versions').set('Authorization', `Bearer ${admin}`).set('Content-Type', 'application/x-ndjson').send(body).expect(201);
  const screen = async (partnerName: string): Promise<Assessment> => {
    const caseId = (await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(proposal(partnerName)).expect(202)).body.id as string;
    return waitFor(
      async () => {
        const response = await system.http().get(`/v1/cases/${caseId}/assessments/latest`).set('Authorization', `Bearer ${rso}`);
        return response.status === 200 ? (response.body as Assessment) : undefined;
      },
      `the assessment of ${caseId}`,
      60_000,
    );
  };
  const hitsOnWatch = (assessment: Assessment) =>
    assessment.findings.filter((finding) => finding.evidence.listId === 'watch').map((finding) => [finding.evidence.entryId, finding.evidence.listVersion]);

  it('screens against version 2 (one entry removed, one added) without rebuilding the 20,000-entry index', async () => {
    await system.http().put('/v1/reference-lists/watch').set('Authorization', `Bearer ${admin}`).send({ kind: 'sanctions', topicSeverity: { sanction: 'S4' } }).expect(200);
    const lines = Array.from({ length: ENTRIES }, (_, n) => company(`w${String(n).padStart(5, '0')}`, madeUpName(n)));
    await upload(lines.join('\n') + '\n');
    const provider = system.worker!.get(ReferenceIndexProvider);

    const removedName = madeUpName(7);
    expect(hitsOnWatch(await screen(removedName))).toContainEqual(['w00007', 1]);
    const built = provider.statistics();

    // Version 2: w00007 gone, d-1 new, the other 19,999 entries as they were.
    const next = lines.filter((_, n) => n !== 7);
    next.push(company('d-1', 'Greyfield Orbital Works'));
    const published = await upload(next.join('\n') + '\n');
    expect(published.body).toMatchObject({ version: 2, diff: { added: 1, removed: 1, changed: 0 } });

    const added = await screen('Greyfield Orbital Works');
    expect(added.referenceLists).toEqual([{ listId: 'watch', version: 2 }]);
    expect(hitsOnWatch(added)).toContainEqual(['d-1', 2]);
    // Made-up names resemble one another: others may still come near, never the removed entry.
    expect(hitsOnWatch(await screen(removedName)).map(([entryId]) => entryId)).not.toContain('w00007');
    // An untouched entry is found in the new version too.
    expect(hitsOnWatch(await screen(madeUpName(8)))).toContainEqual(['w00008', 2]);

    expect(provider.statistics()).toMatchObject({ fullBuilds: built.fullBuilds, deltasApplied: built.deltasApplied + 1 });
  }, 120_000);
});
