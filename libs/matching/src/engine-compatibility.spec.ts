// The engine's list rules must behave the same with the fuzzy index as with the simple one for
// exact names, and the fuzzy index must add the variants the simple one misses.
import {
  appraise,
  DEFAULT_POLICY,
  InMemoryReferenceIndex,
  type CaseSnapshot,
  type Partner,
  type ReferenceIndex,
  type ReferenceList,
} from '@ajar/appraisal';
import { FuzzyReferenceIndex } from './index';

// A few entries copied from the engine's synthetic test lists (invented names, fictional countries).
const LISTS: readonly ReferenceList[] = [
  {
    listId: 'test-sanctions', version: 3, kind: 'sanctions',
    entries: [
      { entryId: 'san-1', schema: 'organisation', name: 'Sample Photonics Ltd', country: 'YY', identifiers: { registration: 'SP-998877' }, topics: ['sanction'], lastChange: '2025-01-01' },
      { entryId: 'san-2', schema: 'person', name: 'Ivan Testperson', topics: ['sanction'] },
    ],
  },
  {
    listId: 'test-nro', version: 5, kind: 'research_security',
    entries: [
      { entryId: 'nro-1', schema: 'organisation', name: 'Example Academy of Applied Sciences', aliases: ['Example Institute of Optics'], weakAliases: ['EAAS'], country: 'XX', topics: ['export.control'] },
      { entryId: 'nro-4', schema: 'person', name: 'Alex Example', topics: ['export.control'] },
    ],
  },
];

const DUE_DILIGENCE: Partner['dueDiligence'] = {
  identityVerified: 'yes', militaryOrSecurityAffiliation: 'no', stateControlOrCompellability: 'no', sourceOfFundsDisclosed: 'yes',
  integrityRecord: 'no', accessBeyondScope: 'no', dependency: 'no',
};

function aCase(partner: Partial<Partner>, personName = 'Robin Nobody'): CaseSnapshot {
  return {
    kind: 'collaboration', externalRef: 'ext-1', title: 'Open study of soil microbiomes', abstract: 'Basic research.',
    keywords: ['soil'], researchStage: 'fundamental', publicationIntent: 'open', technologyAreas: ['none'],
    exportControl: { relevant: false, classifications: [] }, sensitiveData: { personal: false, other: [] }, endUse: 'Open knowledge',
    partners: [{ name: 'Northwind Research Institute', country: 'XA', type: 'university', identifiers: {}, role: 'collaborator', accessTo: [], dueDiligence: DUE_DILIGENCE, ...partner }],
    fundingSources: [],
    personnel: [{ ref: 'p1', name: personName, role: 'pi', disclosure: { affiliations: [], supportSources: [], talentProgrammes: [], certifiedAt: '2025-01-10' } }],
    asOf: '2025-03-01',
  };
}

const simple = new InMemoryReferenceIndex(LISTS);
const fuzzy = new FuzzyReferenceIndex(LISTS);
const outcome = (snapshot: CaseSnapshot, index: ReferenceIndex) => {
  const assessment = appraise(snapshot, DEFAULT_POLICY, index);
  return { level: assessment.level, route: assessment.route, rules: assessment.findings.map((f) => `${f.rule}:${f.severity}`).sort() };
};

describe('engine compatibility', () => {
  const cases: readonly [string, CaseSnapshot][] = [
    ['no hit', aCase({})],
    ['exact sanctions name', aCase({ name: 'Sample Photonics Ltd', country: 'YY' })],
    ['strong identifier', aCase({ name: 'Someone Else', identifiers: { registration: 'sp 998877' } } as Partial<Partner>)],
    ['alias on a research-security list', aCase({ name: 'Example Institute of Optics', country: 'XX' })],
    ['weak alias only', aCase({ name: 'EAAS', country: 'XX' })],
    ['sanctioned person', aCase({}, 'Ivan Testperson')],
    ['person on a non-legal list', aCase({}, 'Alex Example')],
  ];

  it.each(cases)('appraises "%s" like the simple index', (_name, snapshot) => {
    expect(outcome(snapshot, fuzzy)).toEqual(outcome(snapshot, simple));
  });

  it('finds variants the simple index misses, through the same rules', () => {
    const variant = aCase({ name: 'SAMPLE PHOTONICS S.p.A.', country: 'YY' });
    const crossScript = aCase({ name: 'Сампле Фотоникс ООО', country: 'YY' });
    const exact = outcome(aCase({ name: 'Sample Photonics Ltd', country: 'YY' }), simple);
    expect(outcome(variant, fuzzy)).toEqual(exact);
    expect(outcome(crossScript, fuzzy).rules).toEqual(exact.rules);
    expect(outcome(crossScript, simple).rules).not.toEqual(exact.rules);
  });
});
