// The case as the engine sees it: DESIGN §8 plus the RULES §3 fields rules need (all optional).
// RS-F-001: there is deliberately no nationality, citizenship, ethnicity or birthplace field on a
// person. Country appears only on organisations, funders and places of performance.

/** Answer to a due-diligence question. */
export type Answer = 'yes' | 'no' | 'unsure';

export type CaseKind = 'funding_proposal' | 'collaboration' | 'hosting' | 'other';
export type ResearchStage = 'fundamental' | 'applied' | 'experimental_development';
export type PublicationIntent = 'open' | 'restricted' | 'undecided';
export type PartnerType = 'university' | 'company' | 'government' | 'military' | 'nonprofit' | 'other';
export type PersonRole = 'pi' | 'co_investigator' | 'researcher' | 'student' | 'visitor';
export type AffiliationType = 'employment' | 'appointment' | 'visiting' | 'adjunct' | 'honorary' | 'advisory' | 'board';

export interface OrganisationIdentifiers {
  readonly ror?: string;
  readonly lei?: string;
  readonly registration?: string;
}

/** Any organisation named in a case: partner, funder, affiliation, sponsor, owner. */
export interface OrganisationRef {
  readonly name: string;
  /** ISO 3166 alpha-2 of the organisation (never of a person). */
  readonly country?: string;
  readonly aliases?: readonly string[];
  readonly identifiers?: OrganisationIdentifiers;
}

export interface ExportControl {
  readonly relevant: boolean;
  /** e.g. EU Annex I category or ECCN. */
  readonly classifications: readonly string[];
}

export interface SensitiveData {
  readonly personal: boolean;
  readonly other: readonly string[];
}

/** RULES §3 ResearchProfile.dataSensitivity (RS-T-006, RS-E-005). */
export interface DataSensitivity {
  readonly personalData?: boolean;
  readonly aggregateSensitive?: boolean;
  readonly geneticOrMedical?: boolean;
  readonly population?: boolean;
}

/** Partner questionnaire (P rules). Questions are phrased as in RULES §4.5. */
export interface PartnerDueDiligence {
  /** RS-P-001: legal name, registration, address, web presence verified. `no`/`unsure` is the risk. */
  readonly identityVerified?: Answer;
  /** RS-P-002: military, defence, security, intelligence or policing mission, supervision or affiliation. */
  readonly militaryOrSecurityAffiliation?: Answer;
  /** RS-P-003: state ownership, control or legal compellability. */
  readonly stateControlOrCompellability?: Answer;
  /** RS-P-004: source of funds disclosed. `no` is the risk. */
  readonly sourceOfFundsDisclosed?: Answer;
  /** RS-P-004: end user disclosed. `no` is the risk. */
  readonly endUserDisclosed?: Answer;
  /** RS-P-006: charges, convictions or regulator actions for fraud, bribery, espionage, corruption. */
  readonly integrityRecord?: Answer;
  /** RS-P-007: access requested beyond what the project needs. */
  readonly accessBeyondScope?: Answer;
  /** RS-P-008 red-flag approach patterns. */
  readonly coldApproach?: Answer;
  readonly offerTooAttractive?: Answer;
  readonly unusualConfidentiality?: Answer;
  readonly unusualShipping?: Answer;
  /** RS-P-009: financial or technological dependence on the partner, no alternative. */
  readonly dependency?: Answer;
}

/** Agreement-terms checklist (RS-P-005, RS-P-010, RS-P-011, RS-E-002). */
export interface AgreementTerms {
  readonly mirrorLab?: boolean;
  readonly nonDisclosureOfParticipation?: boolean;
  readonly mandatoryRecruiting?: boolean;
  readonly omitAcknowledgement?: boolean;
  readonly nonTerminable?: boolean;
  readonly foreignStateIpCapture?: boolean;
  readonly publicationVeto?: boolean;
  readonly topicRestrictions?: boolean;
  /** Excludes participants by gender, ethnicity, religion or nationality without legitimate reason. */
  readonly discriminatoryParticipation?: boolean;
}

export interface PartnerAgreement {
  readonly status?: 'signed' | 'draft' | 'none' | 'not_possible';
  readonly legalEffect?: boolean;
  readonly ipTerms?: 'clear' | 'unclear' | 'absent';
  readonly exitClause?: boolean;
  /** What the partner needs access to; `accessTo` beyond this is out of scope (RS-P-007). */
  readonly accessScope?: readonly string[];
  readonly terms?: AgreementTerms;
}

/** One link in a partner's ownership or control chain (RS-L-008). */
export interface OwnershipLink extends OrganisationRef {
  readonly percent?: number;
  readonly control?: boolean;
}

export interface Partner extends OrganisationRef {
  readonly type?: PartnerType;
  readonly role?: string;
  readonly accessTo?: readonly string[];
  readonly dueDiligence?: PartnerDueDiligence;
  readonly agreement?: PartnerAgreement;
  readonly ownershipChain?: readonly OwnershipLink[];
}

export interface FundingSource {
  readonly funder: OrganisationRef;
  readonly amount?: number;
  readonly currency?: string;
  readonly kind?: 'grant' | 'contract' | 'in_kind';
}

/** Timing facts a reviewer or an earlier screening records on a disclosed item (RS-D-007, RS-D-008). */
export interface DisclosureTiming {
  /** Disclosed after the due date or only after a query. */
  readonly disclosedLate?: boolean;
  /** Found undisclosed (e.g. a confirmed RS-D-006 discrepancy). */
  readonly foundUndisclosed?: boolean;
  /** When the item was reported (ISO date). */
  readonly reportedAt?: string;
}

export interface Affiliation extends DisclosureTiming {
  readonly organisation: OrganisationRef;
  readonly type: AffiliationType;
  readonly paid?: boolean;
  /** YYYY-MM or YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string | null;
  readonly effortPersonMonthsPerYear?: number;
  /** Evidence that the affiliation ended (RS-C-001 exception). */
  readonly endedEvidenceRef?: string;
}

export interface InKindSupport {
  readonly description?: string;
  readonly estimatedValue?: number;
  readonly currency?: string;
  readonly timeCommitment?: string;
}

export interface SupportSource extends DisclosureTiming {
  readonly status?: 'current' | 'pending';
  readonly sponsor?: OrganisationRef;
  readonly awardNumber?: string;
  readonly title?: string;
  readonly objectives?: string;
  readonly placeOfPerformance?: string;
  readonly start?: string;
  readonly end?: string;
  readonly amount?: number;
  readonly currency?: string;
  readonly personMonthsPerYear?: number;
  readonly overlapStatement?: string;
  readonly overlapConfirmed?: boolean;
  readonly inKind?: InKindSupport;
}

/** CHIPS 42 U.S.C. §19237(4)(A)(i)–(ix) contract features. */
export type TalentFeatureKey = 'f1' | 'f2' | 'f3' | 'f4' | 'f5' | 'f6' | 'f7' | 'f8' | 'f9';
export type TalentProgrammeFeatures = Partial<Record<TalentFeatureKey, boolean>>;

export interface TalentProgramme extends DisclosureTiming {
  readonly programmeName: string;
  readonly sponsor?: OrganisationRef;
  readonly status: 'active' | 'ended' | 'offered_declined';
  readonly features?: TalentProgrammeFeatures;
  readonly compensationTypes?: readonly string[];
  readonly from?: string;
  readonly to?: string | null;
}

export interface Disclosure {
  readonly affiliations?: readonly Affiliation[];
  readonly supportSources?: readonly SupportSource[];
  readonly talentProgrammes?: readonly TalentProgramme[];
  readonly certifiedAt?: string;
}

export interface Person {
  readonly ref: string;
  readonly name: string;
  readonly role: PersonRole;
  readonly disclosure?: Disclosure;
}

export interface Attestation {
  readonly type: string;
  readonly statementVersion?: string;
  /** Person ref for per-person attestations. */
  readonly signedBy?: string;
  readonly signedAt?: string;
}

/** Reviewer-recorded judgements (RS-T-008, RS-T-009, RS-E-001, RS-E-003). */
export interface ReviewerJudgement {
  readonly foreseeableSecurityApplication?: string;
  readonly militaryOrSurveillancePotential?: boolean;
  readonly misusePotential?: boolean;
  readonly researchOfConcern?: boolean;
}

/** RS-E-004 questionnaire. */
export interface ResearcherSafety {
  readonly riskyFieldwork?: Answer;
  readonly pressureOnResearchers?: Answer;
}

/** A reviewer's decision on one list candidate (RS-L-011). */
export interface Adjudication {
  /** JSON pointer of the screened subject, e.g. `/partners/0`. */
  readonly subject: string;
  readonly listId: string;
  readonly entryId: string;
  readonly decision: 'confirmed' | 'false_positive';
  /** The list entry's last change when decided; a newer entry re-opens a false positive. */
  readonly entryLastChange?: string;
}

export interface PriorHit {
  readonly subject: string;
  readonly listId: string;
  readonly entryId: string;
}

export interface CaseSnapshot {
  readonly kind: CaseKind;
  readonly callId?: string;
  readonly externalRef?: string;
  readonly title: string;
  readonly abstract?: string;
  readonly keywords?: readonly string[];
  readonly researchStage?: ResearchStage;
  readonly technologyAreas?: readonly string[];
  readonly exportControl?: ExportControl;
  readonly sensitiveData?: SensitiveData;
  readonly endUse?: string;
  readonly partners?: readonly Partner[];
  readonly fundingSources?: readonly FundingSource[];
  readonly personnel?: readonly Person[];

  // RULES §3 extensions.
  readonly aimsToAdvanceSTRA?: boolean;
  readonly publicationIntent?: PublicationIntent;
  readonly dataSensitivity?: DataSensitivity;
  readonly criticalInfrastructureSector?: string;
  readonly criticalMinerals?: readonly string[];
  readonly reviewerJudgement?: ReviewerJudgement;
  readonly safety?: ResearcherSafety;
  /** Country of the applicant institution (an organisation). */
  readonly homeCountry?: string;
  /** Countries where the work is performed (RS-D-009). */
  readonly placesOfPerformance?: readonly string[];
  readonly foreignComponentJustification?: string;
  readonly attestations?: readonly Attestation[];
  /** Present once awarded/approved (RS-D-008). */
  readonly award?: { readonly startDate: string };
  /** The date the snapshot speaks for (submission or re-screen date), ISO. Never defaulted to "now". */
  readonly asOf?: string;
  readonly adjudications?: readonly Adjudication[];
  /** Hits of the previous screening, for RS-L-010 delta detection. */
  readonly priorScreening?: { readonly hits: readonly PriorHit[] };
}
