import type { Assessment } from '../model/assessment';
import type { CaseSnapshot, OrganisationRef, Person } from '../model/case-snapshot';
import type { AppraisalPolicy } from '../model/policy';
import { aCase, aPartner, aPerson, anAffiliation, withDisclosure } from '../testing/case-snapshot.fixture';
import { run } from '../testing/appraisal-harness';

// RS-F-003: co-authorship alone is not a risk factor. The engine's model (CaseSnapshot) deliberately
// has no co-authorship field, so co-authorship reaches it only as data it must ignore: a publication
// list on a person, a case-level list of co-authoring organisations, or words in the abstract. Each
// case below gives the personnel co-authors at organisations that are on the test lists (sanctions,
// export control, research security) and in a country the policy names as of concern, and checks the
// assessment is exactly that of the same case without them.

interface CoAuthor {
  readonly name: string;
  readonly organisation: OrganisationRef;
}
interface Publication {
  readonly title: string;
  readonly year: number;
  readonly coAuthors: readonly CoAuthor[];
}
type PersonWithPublications = Person & { readonly publications: readonly Publication[] };
type CaseWithCoAuthorship = CaseSnapshot & {
  readonly personnel: readonly PersonWithPublications[];
  readonly coAuthorships: readonly { readonly organisation: OrganisationRef; readonly papers: number }[];
};

/** On the fixture lists: research-security (nro-1), sanctions (san-1), export control (el-1). */
const LISTED_ORGANISATIONS: readonly OrganisationRef[] = [
  { name: 'Example Academy of Applied Sciences', country: 'XX' },
  { name: 'Sample Photonics Ltd', country: 'YY', identifiers: { registration: 'SP-998877' } },
  { name: 'Example Defence Electronics Research Institute 7', country: 'XX' },
];
/** Persons on the fixture lists (san-2, nro-4). */
const LISTED_PERSONS = ['Ivan Testperson', 'Alex Example'];

/** XX is a foreign country of concern and raises counterparty context under this policy. */
const COUNTRY_OF_CONCERN: Partial<AppraisalPolicy> = {
  homeCountry: 'XA',
  countryContext: { cap: 'medium', jurisdictions: [{ country: 'XX', legalBasis: 'Testland Knowledge Security Act §4', counterparty: 'C2' }] },
  foreignCountriesOfConcern: { countries: ['XX', 'YY'], legalBasis: 'Testland Act §2' },
};

const researcher = (ref: string, name: string, role: Person['role']): Person => aPerson({ ref, name, role });

const BASES: Record<string, CaseSnapshot> = {
  'a fundamental open project (fast lane)': aCase({
    personnel: [researcher('p1', 'Jordan Sample', 'pi'), researcher('p2', 'Casey Sample', 'researcher')],
  }),
  'an applied AI project reviewed for other reasons': aCase({
    technologyAreas: ['ai'],
    researchStage: 'applied',
    partners: [aPartner()],
    personnel: [researcher('p1', 'Jordan Sample', 'pi'), researcher('p2', 'Casey Sample', 'co_investigator')],
  }),
};

function withCoAuthorship(base: CaseSnapshot): CaseWithCoAuthorship {
  const coAuthors = (i: number): CoAuthor[] =>
    LISTED_ORGANISATIONS.map((organisation, j) => ({ name: LISTED_PERSONS[(i + j) % LISTED_PERSONS.length] as string, organisation }));
  return {
    ...base,
    abstract: `${base.abstract ?? ''} The team has co-authored papers with ${LISTED_ORGANISATIONS.map((o) => o.name).join(', ')}.`,
    personnel: (base.personnel ?? []).map((person, i) => ({
      ...person,
      publications: [
        { title: 'Joint paper one', year: 2023, coAuthors: coAuthors(i) },
        { title: 'Joint paper two', year: 2024, coAuthors: coAuthors(i + 1) },
      ],
    })),
    coAuthorships: LISTED_ORGANISATIONS.map((organisation) => ({ organisation, papers: 12 })),
  };
}

const summary = (a: Assessment) => ({
  level: a.level,
  route: a.route,
  research: a.research,
  counterparty: a.counterparty,
  integrity: a.integrity,
  dimensions: a.dimensions,
  findings: a.findings.map((f) => `${f.rule} ${f.subject}`).sort(),
});

describe('appraisal: co-authorship alone is not a risk factor (RS-F-003)', () => {
  it('the co-authoring organisations are listed and of concern: named as a partner or an affiliation, they do raise findings', () => {
    // Control: without it, a fixture rename would make the cases below pass without testing anything.
    for (const organisation of LISTED_ORGANISATIONS) {
      const asPartner = run(aCase({ personnel: [researcher('p1', 'Jordan Sample', 'pi')], partners: [aPartner({ ...organisation, identifiers: organisation.identifiers ?? {} })] }), { policy: COUNTRY_OF_CONCERN });
      expect(asPartner.findings.some((f) => f.subject.startsWith('/partners/0') && f.rule.startsWith('RS-L-'))).toBe(true);
      expect(asPartner.level).not.toBe('low');

      const asAffiliation = run(
        aCase({ personnel: [withDisclosure(researcher('p1', 'Jordan Sample', 'pi'), { affiliations: [anAffiliation({ organisation, type: 'appointment' })] })] }),
        { policy: COUNTRY_OF_CONCERN },
      );
      expect(asAffiliation.findings.some((f) => f.subject.startsWith('/personnel/0/disclosure/affiliations/1'))).toBe(true);
    }
  });

  for (const [label, base] of Object.entries(BASES)) {
    for (const [policyLabel, policy] of [['the default policy', {}], ['a policy naming the co-authors’ countries as of concern', COUNTRY_OF_CONCERN]] as const) {
      it(`${label}, under ${policyLabel}: co-authors at listed organisations change no level and add no finding`, () => {
        const without = run(base, { policy });
        const withCoAuthors = run(withCoAuthorship(base), { policy });
        expect(summary(withCoAuthors)).toEqual(summary(without));
        expect(withCoAuthors).toEqual(without);
      });
    }
  }

  it('no finding, explanation or escalation mentions co-authorship or the co-authoring organisations', () => {
    for (const base of Object.values(BASES)) {
      const text = JSON.stringify(run(withCoAuthorship(base), { policy: COUNTRY_OF_CONCERN }));
      expect(text).not.toMatch(/co-?author|publications/i);
      for (const organisation of LISTED_ORGANISATIONS) expect(text).not.toContain(organisation.name);
    }
  });
});
