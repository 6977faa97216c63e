import type {
  Attestation,
  DataSensitivity,
  OwnershipLink,
  PartnerAgreement,
  PartnerDueDiligence,
  PublicationIntent,
  ResearcherSafety,
} from '@ajar/appraisal';

/** The case as the applicant or integrator describes it (DESIGN §8). No person has a nationality. */
export type CaseKind = 'funding_proposal' | 'collaboration' | 'hosting' | 'other';
export type ResearchStage = 'fundamental' | 'applied' | 'experimental_development';
export type PartnerType = 'university' | 'company' | 'government' | 'military' | 'nonprofit' | 'other';
export type PersonRole = 'pi' | 'co_investigator' | 'researcher' | 'student' | 'visitor';
export type AffiliationType = 'employment' | 'appointment' | 'visiting' | 'adjunct' | 'honorary' | 'advisory' | 'board';

export interface OrganisationRef {
  name: string;
  country?: string;
  identifiers?: { ror?: string; lei?: string; registration?: string };
}

/** Set by the research office, not the person: how an item came to be disclosed (RS-D-007). */
export interface DisclosureTiming {
  disclosedLate?: boolean;
  foundUndisclosed?: boolean;
}

export interface Disclosure {
  affiliations: ({
    organisation: OrganisationRef;
    type: AffiliationType;
    paid?: boolean;
    from?: string;
    to?: string | null;
    effortPersonMonthsPerYear?: number;
  } & DisclosureTiming)[];
  supportSources: ({
    sponsor: OrganisationRef;
    status: 'current' | 'pending';
    title?: string;
    amount?: number;
    currency?: string;
    inKind?: boolean;
    awardNumber?: string;
    objectives?: string;
    placeOfPerformance?: string;
    personMonthsPerYear?: number;
    overlapStatement?: string;
  } & DisclosureTiming)[];
  talentProgrammes: ({
    name: string;
    sponsor?: OrganisationRef;
    status: 'active' | 'ended' | 'offered' | 'declined';
    features?: string[];
  } & DisclosureTiming)[];
  certifiedAt: string;
}

export interface Person {
  ref: string;
  name: string;
  role: PersonRole;
  orcid?: string;
}

export interface CaseContent {
  kind: CaseKind;
  callId?: string;
  externalRef?: string;
  title: string;
  abstract?: string;
  keywords?: string[];
  researchStage?: ResearchStage;
  technologyAreas?: string[];
  exportControl?: { relevant: boolean; classifications?: string[] };
  sensitiveData?: { personal: boolean; other?: string[] };
  endUse?: string;
  partners: (OrganisationRef & {
    type: PartnerType;
    role?: string;
    accessTo?: string[];
    dueDiligence?: PartnerDueDiligence;
    agreement?: PartnerAgreement;
    ownershipChain?: OwnershipLink[];
  })[];
  fundingSources: { funder: OrganisationRef; amount?: number; currency?: string; kind: 'grant' | 'contract' | 'in_kind' }[];
  personnel: Person[];
  // Inputs of the appraisal rules (RULES.md §3), all optional.
  aimsToAdvanceSTRA?: boolean;
  publicationIntent?: PublicationIntent;
  dataSensitivity?: DataSensitivity;
  criticalInfrastructureSector?: string;
  criticalMinerals?: string[];
  homeCountry?: string;
  placesOfPerformance?: string[];
  foreignComponentJustification?: string;
  safety?: ResearcherSafety;
  attestations?: Attestation[];
}
