import type { AppraisalPolicy } from '../model/policy';

/**
 * The country-agnostic default (RULES §4.4 matrix, yente thresholds). Every value is policy data a
 * tenant can change within the guardrails `validatePolicy` enforces. No pack is on by default.
 */
export const DEFAULT_POLICY: AppraisalPolicy = {
  packs: [],
  rules: {},
  thresholds: {
    matchCandidate: 0.7,
    reviewBandLower: 0.5,
    inKindValue: 5000,
    maxPersonMonthsPerYear: 12,
    changeOfCircumstancesDays: 30,
    ownershipPercent: 50,
    certificationValidityDays: 365,
  },
  reviewBandMinResearch: 'R3',
  matrix: {
    R0: { C0: 'low', C1: 'low', C2: 'medium', C3: 'medium' },
    R1: { C0: 'low', C1: 'low', C2: 'medium', C3: 'high' },
    R2: { C0: 'low', C1: 'medium', C2: 'high', C3: 'high' },
    R3: { C0: 'medium', C1: 'medium', C2: 'high', C3: 'very_high' },
  },
  integritySteps: { 'I+1': 1, 'I+2': 2 },
  routing: { low: 'auto_clear', medium: 'review', high: 'review', very_high: 'escalate' },
  countryContext: { cap: 'medium', jurisdictions: [] },
  keyDates: {},
  requiredAttestations: [
    { type: 'strac', pack: 'CA-STRAC', perPerson: true, appliesWhen: 'aims_to_advance_stra' },
  ],
  // The statutory list is the tenant's to configure with its legal basis; empty keeps the default neutral.
  foreignCountriesOfConcern: { countries: [], legalBasis: '42 U.S.C. §19221 (foreign country of concern)' },
  funderReview: false,
  responseWindowDays: 14,
  appealWindowDays: 30,
  informationRequestDays: 14,
  slaDays: {
    ethics_committee: 30,
    national_advisor: 20,
    export_control: 15,
    legal: 10,
    research_security_office: 10,
  },
};
