import { caseContent } from '../testing/case-content.fixture';
import type { CaseContent } from './case-content';
import type { EscalationRecord } from './case-workflow';
import { escalationPackage, WITHHELD, type PackagedFindingSource } from './escalation-package';

const content: CaseContent = {
  ...caseContent([]),
  researchStage: 'applied',
  technologyAreas: ['quantum sensing', 'photonics'],
  exportControl: { relevant: true, classifications: ['6A005', '3A001.b'] },
  partners: [
    { name: 'Acme Photonics B.V.', country: 'NL', type: 'company', identifiers: { lei: '529900T8BM49AURSDO55', ror: 'https://ror.org/00x0x0x00' }, role: 'co-developer' },
    { name: 'Institute of Optics', type: 'university' },
  ],
  fundingSources: [{ funder: { name: 'Dutch Research Council', country: 'NL', identifiers: { ror: 'https://ror.org/04jsz6e67' } }, amount: 500000, currency: 'EUR', kind: 'grant' }],
  personnel: [
    { ref: 'p1', name: 'Alice Smith', role: 'pi', orcid: '0000-0002-1825-0097' },
    { ref: 'p2', name: 'Bob Jones', role: 'researcher' },
  ],
};

const escalation: EscalationRecord = {
  id: 'esc-1',
  target: 'national_advisor',
  question: 'Alice Smith holds an appointment at the partner. Is the partner of concern?',
  advisorTenantId: 'advisor-tenant',
  recommendedBy: 'RS-X-002',
  ruleCodes: ['RS-L-003', 'RS-C-001'],
  requestedBy: 'reviewer-1',
  requestedAt: '2026-03-02T10:00:00.000Z',
  dueAt: '2026-03-16T10:00:00.000Z',
  status: 'open',
  advice: null,
  overdueAt: null,
  closedAt: null,
};

const findings: PackagedFindingSource[] = [
  { rule: 'RS-L-003', severity: 'high', effect: 'escalate', dimension: 'counterparty', subject: '/partners/0', explanation: 'Acme Photonics B.V. matches a listed entity; its contact is Bob Jones.' },
  { rule: 'RS-D-002', severity: 'medium', effect: 'review', dimension: 'integrity', subject: '/personnel/0', explanation: 'Alice Smith has an undisclosed paid appointment.' },
  { rule: 'RS-D-005', severity: 'medium', effect: 'review', dimension: 'integrity', subject: '/disclosures/p2/talentProgrammes/0', explanation: 'A talent programme of p2.' },
  { rule: 'RS-T-004', severity: 'high', effect: 'escalate', dimension: 'research', subject: '/technologyAreas/0', explanation: 'Quantum sensing is a critical technology area.' },
  { rule: 'RS-F-001', severity: 'low', effect: 'note', dimension: 'counterparty', subject: '/fundingSources/0', explanation: 'Public funder.' },
];

describe('escalationPackage', () => {
  const pkg = escalationPackage(escalation, content, findings);

  it('never contains a listed person’s name, ORCID or ref', () => {
    const text = JSON.stringify(pkg);
    expect(text).not.toContain('Alice Smith');
    expect(text).not.toContain('Bob Jones');
    expect(text).not.toContain('0000-0002-1825-0097');
    expect(text).not.toContain('personnel');
  });

  it('masks a name mentioned in the question', () => {
    expect(pkg.question).toBe('[person] holds an appointment at the partner. Is the partner of concern?');
  });

  it('masks a name mentioned in the explanation of a finding about an organisation', () => {
    expect(pkg.findings[0]).toEqual({
      rule: 'RS-L-003',
      severity: 'high',
      effect: 'escalate',
      dimension: 'counterparty',
      explanation: 'Acme Photonics B.V. matches a listed entity; its contact is [person].',
      about: 'organisation',
    });
  });

  it('withholds the explanation of findings about a person, keeping code and severity', () => {
    expect(pkg.findings[1]).toEqual({ rule: 'RS-D-002', severity: 'medium', effect: 'review', dimension: 'integrity', explanation: WITHHELD, about: 'person' });
    expect(pkg.findings[2]).toMatchObject({ rule: 'RS-D-005', explanation: WITHHELD, about: 'person' });
  });

  it('keeps the explanation of findings about the case or a funding source', () => {
    expect(pkg.findings[3]).toMatchObject({ about: 'case', explanation: 'Quantum sensing is a critical technology area.' });
    expect(pkg.findings[4]).toMatchObject({ about: 'organisation', explanation: 'Public funder.' });
    expect(pkg.findings.map((finding) => finding.rule)).toEqual(['RS-L-003', 'RS-D-002', 'RS-D-005', 'RS-T-004', 'RS-F-001']);
  });

  it('lists partners and funding sources as organisations', () => {
    expect(pkg.organisations).toEqual([
      { role: 'partner', name: 'Acme Photonics B.V.', country: 'NL', type: 'company', identifiers: { lei: '529900T8BM49AURSDO55', ror: 'https://ror.org/00x0x0x00' } },
      { role: 'partner', name: 'Institute of Optics', country: null, type: 'university', identifiers: {} },
      { role: 'funding_source', name: 'Dutch Research Council', country: 'NL', type: 'grant', identifiers: { ror: 'https://ror.org/04jsz6e67' } },
    ]);
  });

  it('carries the case facts, technology areas, export-control classifications and the escalation', () => {
    expect(pkg).toMatchObject({
      escalationId: 'esc-1',
      target: 'national_advisor',
      dueAt: '2026-03-16T10:00:00.000Z',
      status: 'open',
      kind: 'collaboration',
      researchStage: 'applied',
      technologyAreas: ['quantum sensing', 'photonics'],
      exportControl: { relevant: true, classifications: ['6A005', '3A001.b'] },
      recommendedBy: 'RS-X-002',
      ruleCodes: ['RS-L-003', 'RS-C-001'],
    });
  });

  it('does not share arrays with the case or the escalation', () => {
    const copy = escalationPackage(escalation, content, findings);
    copy.ruleCodes.push('RS-X-999');
    copy.technologyAreas.push('biotech');
    copy.exportControl?.classifications.push('1C350');
    expect(escalation.ruleCodes).toEqual(['RS-L-003', 'RS-C-001']);
    expect(content.technologyAreas).toEqual(['quantum sensing', 'photonics']);
    expect(content.exportControl?.classifications).toEqual(['6A005', '3A001.b']);
  });

  it('masks every occurrence of every listed name', () => {
    const both = escalationPackage({ ...escalation, question: 'Bob Jones and Alice Smith; Alice Smith again.' }, content, []);
    expect(both.question).toBe('[person] and [person]; [person] again.');
  });

  it('leaves out what the case does not state', () => {
    const bare = escalationPackage({ ...escalation, recommendedBy: null, ruleCodes: [] }, caseContent(['p1']), []);
    expect(bare).toMatchObject({ researchStage: null, technologyAreas: [], exportControl: null, recommendedBy: null, ruleCodes: [], findings: [] });
    expect(bare.exportControl).toBeNull();
    expect(bare.organisations.map((organisation) => organisation.role)).toEqual(['partner']);
    expect(JSON.stringify(bare)).not.toContain('Person p1');
  });
});

describe('escalation package: masking ignores letter case', () => {
  it('masks a listed name written in other case', () => {
    const shouted = escalationPackage({ ...escalation, question: 'Is ALICE SMITH or alice smith a concern?' }, content, []);
    expect(shouted.question).toBe('Is [person] or [person] a concern?');
  });
});

describe('escalationPackage and reference-list hits', () => {
  const listFindings: PackagedFindingSource[] = [
    {
      rule: 'RS-L-001',
      severity: 'S4',
      effect: 'block',
      dimension: 'counterparty',
      subject: '/partners/0',
      explanation: 'Partner 0 "Acme Photonics B.V." matches "ACME PHOTONICS BV (Shenzhen)" on list eu-fsf (version 3).',
      evidence: { listId: 'eu-fsf', listVersion: 3, entryId: 'EU.1234.56', matchedName: 'ACME PHOTONICS BV (Shenzhen)' },
    },
    {
      rule: 'RS-L-012',
      severity: 'S2',
      effect: 'review',
      dimension: 'counterparty',
      subject: '/partners/1',
      explanation: 'Partner 1 now matches "Institute of Optics No. 7" on list un-sc version 12 (entry UN-77), which the previous screening did not find.',
      evidence: { listId: 'un-sc', listVersion: 12, entryId: 'UN-77', matchedName: 'Institute of Optics No. 7' },
    },
  ];
  const pkg = escalationPackage({ ...escalation, question: 'Is ACME PHOTONICS BV (Shenzhen) on eu-fsf the same company?' }, content, listFindings);

  it('masks the listed names, list ids, list versions and entry ids the findings matched', () => {
    const findingsText = JSON.stringify(pkg.findings);
    for (const secret of ['ACME PHOTONICS BV (Shenzhen)', 'Institute of Optics No. 7', 'eu-fsf', 'un-sc', 'version 3', 'version 12', 'EU.1234.56', 'UN-77']) {
      expect(findingsText).not.toContain(secret);
    }
    expect(pkg.findings[0].explanation).toBe('Partner 0 "Acme Photonics B.V." matches "[listed name]" on list [list].');
    expect(pkg.findings[1].explanation).toBe('Partner 1 now matches "[listed name]" on list [list] (entry [list entry]), which the previous screening did not find.');
    expect(pkg.question).toBe('Is [listed name] on [list] the same company?');
  });

  it('keeps the rule codes, severities and the case\'s own organisations', () => {
    expect(pkg.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['RS-L-001', 'S4'],
      ['RS-L-012', 'S2'],
    ]);
    expect(pkg.organisations.map((organisation) => organisation.name)).toEqual(['Acme Photonics B.V.', 'Institute of Optics', 'Dutch Research Council']);
  });
});
