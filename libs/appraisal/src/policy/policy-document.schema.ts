// The published JSON Schema of a policy document (what PUT /v1/policies/{name} accepts), built
// from the engine's own constants so the two cannot drift. It checks shape and vocabulary;
// validatePolicy adds the guardrails (no person attributes, country context capped, F rules on).
import { EFFECTS, MATRIX_COUNTERPARTY_LEVELS, MATRIX_RISK_LEVELS, RESEARCH_LEVELS, ROUTES, SEVERITIES } from '../model/levels';
import { PACK_IDS } from '../model/policy';
import { DEFAULT_POLICY } from './default-policy';
import { ESCALATION_TARGETS } from './validate-policy';

const COUNTRY = { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country of an organisation or legal regime' };
const THRESHOLD_NAMES = Object.keys(DEFAULT_POLICY.thresholds);
/** Days; fractions allowed (0.5 = 12 hours), so short deadlines can be configured and tested. */
const DAYS = { type: 'number', exclusiveMinimum: 0, maximum: 365 };

function objectOf(keys: readonly string[], value: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, properties: Object.fromEntries(keys.map((key) => [key, value])) };
}

export const POLICY_DOCUMENT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:ajar:schema:policy-document:v1',
  title: 'Ajar policy document',
  description:
    'A partial document is merged over the default policy. Country-agnostic: no property may read a person\'s nationality, citizenship, ethnicity or place of birth.',
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 80 },
    version: { type: 'integer', minimum: 0 },
    description: { type: 'string', maxLength: 2000 },
    packs: { type: 'array', uniqueItems: true, items: { enum: [...PACK_IDS] } },
    rules: {
      type: 'object',
      propertyNames: { pattern: '^RS-[A-Z]-\\d{3}$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          enabled: { type: 'boolean' },
          severity: { enum: [...SEVERITIES] },
          effect: { enum: [...EFFECTS] },
          thresholds: objectOf(THRESHOLD_NAMES, { type: 'number', minimum: 0 }),
        },
      },
    },
    thresholds: objectOf(THRESHOLD_NAMES, { type: 'number', minimum: 0 }),
    reviewBandMinResearch: { enum: [...RESEARCH_LEVELS] },
    matrix: objectOf(RESEARCH_LEVELS, objectOf(MATRIX_COUNTERPARTY_LEVELS, { enum: [...MATRIX_RISK_LEVELS] })),
    integritySteps: objectOf(['I+1', 'I+2'], { type: 'integer', minimum: 0, maximum: 4 }),
    routing: objectOf(MATRIX_RISK_LEVELS, { enum: ROUTES.filter((route) => route !== 'not_eligible') }),
    countryContext: {
      type: 'object',
      additionalProperties: false,
      properties: {
        cap: { enum: ['low', 'medium'] },
        jurisdictions: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['country', 'legalBasis', 'counterparty'],
            properties: { country: COUNTRY, legalBasis: { type: 'string', minLength: 1 }, counterparty: { enum: ['C1', 'C2'] } },
          },
        },
      },
    },
    homeCountry: COUNTRY,
    keyDates: objectOf(['engagementContinuedAfter'], { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' }),
    requiredAttestations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'pack', 'perPerson'],
        properties: {
          type: { type: 'string', minLength: 1 },
          statementVersion: { type: 'string' },
          pack: { enum: [...PACK_IDS, 'ALL'] },
          perPerson: { type: 'boolean' },
          appliesWhen: { enum: ['aims_to_advance_stra'] },
        },
      },
    },
    foreignCountriesOfConcern: {
      type: 'object',
      additionalProperties: false,
      properties: { countries: { type: 'array', items: COUNTRY }, legalBasis: { type: 'string' } },
    },
    funderReview: { type: 'boolean' },
    responseWindowDays: DAYS,
    appealWindowDays: DAYS,
    informationRequestDays: DAYS,
    slaDays: objectOf(ESCALATION_TARGETS, DAYS),
  },
} as const;
