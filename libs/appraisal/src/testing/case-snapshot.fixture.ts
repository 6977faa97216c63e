// Builders for synthetic cases. The baseline case is in the fast lane: R0, C0, I0, no findings.
import type {
  Affiliation,
  CaseSnapshot,
  Partner,
  Person,
  SupportSource,
  TalentProgramme,
} from '../model/case-snapshot';

export function anAffiliation(overrides: Partial<Affiliation> = {}): Affiliation {
  return {
    organisation: { name: 'Home University of Testland', country: 'XA' },
    type: 'employment',
    paid: true,
    from: '2019-01',
    to: null,
    ...overrides,
  };
}

export function aSupportSource(overrides: Partial<SupportSource> = {}): SupportSource {
  return {
    status: 'current',
    sponsor: { name: 'Testland Science Council', country: 'XA' },
    awardNumber: 'TSC-1',
    title: 'Earlier project',
    objectives: 'Characterise thin films',
    start: '2024-01-01',
    end: '2026-12-31',
    amount: 100000,
    currency: 'EUR',
    personMonthsPerYear: 3,
    overlapStatement: 'none',
    ...overrides,
  };
}

export function aTalentProgramme(overrides: Partial<TalentProgramme> = {}): TalentProgramme {
  return {
    programmeName: 'Distinguished Visiting Scholars Scheme',
    sponsor: { name: 'Overseas Talent Bureau', country: 'ZZ' },
    status: 'active',
    features: {},
    from: '2023-01',
    to: null,
    ...overrides,
  };
}

export function aPerson(overrides: Partial<Person> = {}): Person {
  return {
    ref: 'p1',
    name: 'Alex Example',
    role: 'pi',
    disclosure: {
      affiliations: [anAffiliation()],
      supportSources: [],
      talentProgrammes: [],
      certifiedAt: '2025-01-10',
    },
    ...overrides,
  };
}

export function aPartner(overrides: Partial<Partner> = {}): Partner {
  return {
    name: 'Northwind Research Institute',
    country: 'XA',
    type: 'university',
    identifiers: { ror: '0nw1234ab' },
    role: 'collaborator',
    accessTo: [],
    dueDiligence: {
      identityVerified: 'yes',
      militaryOrSecurityAffiliation: 'no',
      stateControlOrCompellability: 'no',
      sourceOfFundsDisclosed: 'yes',
      integrityRecord: 'no',
      accessBeyondScope: 'no',
      dependency: 'no',
    },
    ...overrides,
  };
}

export function aCase(overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    kind: 'collaboration',
    externalRef: 'ext-1',
    title: 'Open study of soil microbiomes',
    abstract: 'Basic research, results published openly.',
    keywords: ['soil'],
    researchStage: 'fundamental',
    publicationIntent: 'open',
    technologyAreas: ['none'],
    exportControl: { relevant: false, classifications: [] },
    sensitiveData: { personal: false, other: [] },
    endUse: 'Open scientific knowledge',
    partners: [aPartner()],
    fundingSources: [],
    personnel: [aPerson()],
    asOf: '2025-03-01',
    ...overrides,
  };
}

/** A person with one more disclosure item, keeping the baseline employment. */
export function withDisclosure(person: Person, extra: NonNullable<Person['disclosure']>): Person {
  const base = person.disclosure ?? {};
  return {
    ...person,
    disclosure: {
      ...base,
      ...extra,
      affiliations: [...(base.affiliations ?? []), ...(extra.affiliations ?? [])],
      supportSources: [...(base.supportSources ?? []), ...(extra.supportSources ?? [])],
      talentProgrammes: [...(base.talentProgrammes ?? []), ...(extra.talentProgrammes ?? [])],
    },
  };
}
