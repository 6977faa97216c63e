// Public surface of @ajar/appraisal: the pure appraisal engine. Nothing else may be imported.
export { appraise } from './appraise';

export type {
  Assessment,
  DimensionLevels,
  EscalationRecommendation,
  EscalationTarget,
  EscalationTargetRecommendation,
  Evidence,
  EvidenceValue,
  Finding,
} from './model/assessment';
export type {
  Adjudication,
  AffiliationType,
  Affiliation,
  AgreementTerms,
  Answer,
  Attestation,
  CaseKind,
  CaseSnapshot,
  DataSensitivity,
  Disclosure,
  DisclosureTiming,
  ExportControl,
  FundingSource,
  InKindSupport,
  OrganisationIdentifiers,
  OrganisationRef,
  OwnershipLink,
  Partner,
  PartnerAgreement,
  PartnerDueDiligence,
  PartnerType,
  Person,
  PersonRole,
  PriorHit,
  PublicationIntent,
  ResearchStage,
  ResearcherSafety,
  ReviewerJudgement,
  SensitiveData,
  SupportSource,
  TalentFeatureKey,
  TalentProgramme,
  TalentProgrammeFeatures,
} from './model/case-snapshot';
export {
  COUNTERPARTY_LEVELS,
  DIMENSION_LEVELS,
  DIMENSIONS,
  EFFECTS,
  INTEGRITY_MODIFIERS,
  RESEARCH_LEVELS,
  RISK_LEVELS,
  ROUTES,
  SEVERITIES,
} from './model/levels';
export type {
  CounterpartyLevel,
  Dimension,
  DimensionLevel,
  Effect,
  IntegrityModifier,
  ResearchLevel,
  RiskLevel,
  Route,
  Severity,
} from './model/levels';
export { DISSEMINATION_RESTRICTIONS, MITIGATION_IDS } from './model/mitigations';
export { assessResidualRisk } from './combine/residual-risk';
export type { AgreedMeasure, ResidualAssessment } from './combine/residual-risk';
export type { MitigationId } from './model/mitigations';
export { PACK_IDS } from './model/policy';
export type {
  AppraisalPolicy,
  AttestationRequirement,
  CountryContextEntry,
  Matrix,
  PackId,
  RuleOverride,
  ThresholdName,
  Thresholds,
} from './model/policy';
export { LEGAL_LIST_KINDS, TOPIC } from './model/reference';
export type {
  AdvisoryRating,
  ListKind,
  MatchFeatures,
  ReferenceCandidate,
  ReferenceIndex,
  ReferenceListVersion,
  ReferenceQuery,
  SubjectKind,
} from './model/reference';
export { NO_TECHNOLOGY_AREA, TECHNOLOGY_TAGS } from './model/technology-taxonomy';
export type { TechnologyTag } from './model/technology-taxonomy';

export { DEFAULT_POLICY } from './policy/default-policy';
export { validatePolicy } from './policy/validate-policy';
export { POLICY_DOCUMENT_SCHEMA } from './policy/policy-document.schema';
export type { PolicyError, PolicyValidation } from './policy/validate-policy';

export { InMemoryReferenceIndex } from './reference-index/in-memory-reference-index';
export type { EntrySchema, ReferenceList, ReferenceListEntry } from './reference-index/in-memory-reference-index';
export { entryCountries, entryMayBe } from './reference-index/in-memory-reference-index';
export { normaliseIdentifier, normaliseName } from './reference-index/normalise-name';

export { ruleCatalogue, ruleTitle } from './rules/rule-metadata';
export type { RuleMetadata } from './rules/rule-metadata';
export { outcomeDisparity, DEFAULT_DISPARITY_OPTIONS } from './guardrails/outcome-disparity';
export type { DisparityAlert, DisparityOptions, DisparityReport, GroupRates, OutcomeRecord } from './guardrails/outcome-disparity';
