// Policy documents are tenant data, validated on upload. A partial document is merged over
// DEFAULT_POLICY; the result must respect the guardrails (RS-F-001, RS-F-002, RS-F-006, F rules on).
import type { EscalationTarget } from '../model/assessment';
import {
  EFFECTS,
  isOneOf,
  MATRIX_COUNTERPARTY_LEVELS,
  MATRIX_RISK_LEVELS,
  RESEARCH_LEVELS,
  RISK_LEVELS,
  rankOf,
  ROUTES,
  SEVERITIES,
  type MatrixCounterpartyLevel,
  type MatrixRiskLevel,
  type ResearchLevel,
  type Route,
} from '../model/levels';
import {
  PACK_IDS,
  type AppraisalPolicy,
  type AttestationRequirement,
  type CountryContextEntry,
  type Matrix,
  type RuleOverride,
  type ThresholdName,
  type Thresholds,
} from '../model/policy';
import { GUARDRAIL_RULE_IDS, ruleById } from '../rules/rule-catalogue';
import { DEFAULT_POLICY } from './default-policy';

export interface PolicyError {
  /** JSON pointer into the submitted document. */
  readonly path: string;
  readonly reason: string;
}

export type PolicyValidation =
  | { readonly ok: true; readonly policy: AppraisalPolicy }
  | { readonly ok: false; readonly errors: PolicyError[] };

const FORBIDDEN_PERSON_ATTRIBUTES = [
  'nationality',
  'citizenship',
  'ethnicity',
  'ethnic',
  'placeofbirth',
  'countryofbirth',
  'birthplace',
  'birthcountry',
];

const TOP_LEVEL_KEYS = new Set([
  'name', 'version', 'description',
  'packs', 'rules', 'thresholds', 'reviewBandMinResearch', 'matrix', 'integritySteps', 'routing',
  'countryContext', 'homeCountry', 'keyDates', 'requiredAttestations', 'foreignCountriesOfConcern',
  'funderReview', 'responseWindowDays', 'appealWindowDays', 'informationRequestDays', 'slaDays',
]);

export const ESCALATION_TARGETS: readonly EscalationTarget[] = [
  'ethics_committee', 'national_advisor', 'export_control', 'legal', 'research_security_office',
];

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function mentionsForbidden(text: string): boolean {
  const folded = text.toLowerCase().replace(/[^a-z]/g, '');
  return FORBIDDEN_PERSON_ATTRIBUTES.some((word) => folded.includes(word));
}

/** RS-F-001: no key or value anywhere may reference these person attributes. */
function findForbidden(value: unknown, path: string, errors: PolicyError[]): void {
  if (typeof value === 'string') {
    if (mentionsForbidden(value)) {
      errors.push({ path, reason: 'references a person\'s nationality, citizenship, ethnicity or place of birth, which no rule may use (RS-F-001)' });
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => findForbidden(item, `${path}/${i}`, errors));
    return;
  }
  if (isRecord(value)) {
    for (const key of Object.keys(value).sort()) {
      const child = `${path}/${escapePointer(key)}`;
      if (mentionsForbidden(key)) {
        errors.push({ path: child, reason: 'references a person\'s nationality, citizenship, ethnicity or place of birth, which no rule may use (RS-F-001)' });
      }
      findForbidden(value[key], child, errors);
    }
  }
}

const isCountryCode = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z]{2}$/.test(v);
const isIsoDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
/** A duration in days: positive, at most a year; fractions allowed for short deadlines. */
const isDays = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 365;

export function validatePolicy(doc: unknown): PolicyValidation {
  const errors: PolicyError[] = [];
  if (!isRecord(doc)) return { ok: false, errors: [{ path: '', reason: 'a policy must be a JSON object' }] };
  findForbidden(doc, '', errors);
  for (const key of Object.keys(doc).sort()) {
    if (!TOP_LEVEL_KEYS.has(key)) errors.push({ path: `/${escapePointer(key)}`, reason: 'unknown policy field' });
  }

  const packs = parsePacks(doc.packs, errors);
  const rules = parseRules(doc.rules, errors);
  const thresholds = parseThresholds(doc.thresholds, '/thresholds', errors, false) as Thresholds;
  const reviewBandMinResearch = parseEnum(doc.reviewBandMinResearch, RESEARCH_LEVELS, '/reviewBandMinResearch', errors) ?? DEFAULT_POLICY.reviewBandMinResearch;
  const matrix = parseMatrix(doc.matrix, errors);
  const integritySteps = parseIntegritySteps(doc.integritySteps, errors);
  const routing = parseRouting(doc.routing, errors);
  const countryContext = parseCountryContext(doc.countryContext, errors);
  const homeCountry = doc.homeCountry === undefined ? DEFAULT_POLICY.homeCountry : isCountryCode(doc.homeCountry) ? doc.homeCountry : (errors.push({ path: '/homeCountry', reason: 'must be an ISO 3166 alpha-2 code' }), undefined);
  const keyDates = parseKeyDates(doc.keyDates, errors);
  const requiredAttestations = parseAttestations(doc.requiredAttestations, errors);
  const foreignCountriesOfConcern = parseCountriesOfConcern(doc.foreignCountriesOfConcern, errors);
  const funderReview = doc.funderReview === undefined ? DEFAULT_POLICY.funderReview : typeof doc.funderReview === 'boolean' ? doc.funderReview : (errors.push({ path: '/funderReview', reason: 'must be a boolean' }), false);
  const responseWindowDays = doc.responseWindowDays === undefined
    ? DEFAULT_POLICY.responseWindowDays
    : isDays(doc.responseWindowDays)
      ? doc.responseWindowDays
      : (errors.push({ path: '/responseWindowDays', reason: 'must be a number of days > 0 and ≤ 365: adverse outcomes need a response window (RS-F-004)' }), 1);
  const appealWindowDays = doc.appealWindowDays === undefined
    ? DEFAULT_POLICY.appealWindowDays
    : isDays(doc.appealWindowDays)
      ? doc.appealWindowDays
      : (errors.push({ path: '/appealWindowDays', reason: 'must be a number of days > 0 and ≤ 365 (RS-F-004)' }), 1);
  const informationRequestDays = doc.informationRequestDays === undefined
    ? DEFAULT_POLICY.informationRequestDays
    : isDays(doc.informationRequestDays)
      ? doc.informationRequestDays
      : (errors.push({ path: '/informationRequestDays', reason: 'must be a number of days > 0 and ≤ 365' }), 1);
  const slaDays = parseSlaDays(doc.slaDays, errors);

  const policy: AppraisalPolicy = {
    packs,
    rules,
    thresholds: { ...DEFAULT_POLICY.thresholds, ...thresholds },
    reviewBandMinResearch,
    matrix,
    integritySteps,
    routing,
    countryContext,
    ...(homeCountry !== undefined ? { homeCountry } : {}),
    keyDates,
    requiredAttestations,
    foreignCountriesOfConcern,
    funderReview,
    responseWindowDays,
    appealWindowDays,
    informationRequestDays,
    slaDays,
  };
  checkInvariants(policy, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, policy };
}

function parseEnum<T extends string>(value: unknown, scale: readonly T[], path: string, errors: PolicyError[]): T | undefined {
  if (value === undefined) return undefined;
  if (isOneOf(scale, value)) return value;
  errors.push({ path, reason: `must be one of ${scale.join(', ')}` });
  return undefined;
}

function parsePacks(value: unknown, errors: PolicyError[]): AppraisalPolicy['packs'] {
  if (value === undefined) return DEFAULT_POLICY.packs;
  if (!Array.isArray(value)) {
    errors.push({ path: '/packs', reason: 'must be an array of pack ids' });
    return [];
  }
  const packs: AppraisalPolicy['packs'][number][] = [];
  value.forEach((pack, i) => {
    const parsed = parseEnum(pack, PACK_IDS, `/packs/${i}`, errors);
    if (parsed !== undefined && !packs.includes(parsed)) packs.push(parsed);
  });
  return packs.sort();
}

function parseThresholds(value: unknown, path: string, errors: PolicyError[], partial: boolean): Partial<Thresholds> {
  if (value === undefined) return partial ? {} : DEFAULT_POLICY.thresholds;
  if (!isRecord(value)) {
    errors.push({ path, reason: 'must be an object' });
    return {};
  }
  const result: Partial<Record<ThresholdName, number>> = {};
  for (const key of Object.keys(value).sort()) {
    const raw = value[key];
    if (!(key in DEFAULT_POLICY.thresholds)) {
      errors.push({ path: `${path}/${escapePointer(key)}`, reason: 'unknown threshold' });
    } else if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
      errors.push({ path: `${path}/${key}`, reason: 'must be a non-negative number' });
    } else if ((key === 'matchCandidate' || key === 'reviewBandLower') && raw > 1) {
      errors.push({ path: `${path}/${key}`, reason: 'a match score threshold lies in [0, 1]' });
    } else {
      result[key as ThresholdName] = raw;
    }
  }
  return result;
}

function parseRules(value: unknown, errors: PolicyError[]): AppraisalPolicy['rules'] {
  if (value === undefined) return DEFAULT_POLICY.rules;
  if (!isRecord(value)) {
    errors.push({ path: '/rules', reason: 'must be an object keyed by rule id' });
    return {};
  }
  const rules: Record<string, RuleOverride> = {};
  for (const id of Object.keys(value).sort()) {
    const path = `/rules/${escapePointer(id)}`;
    const raw = value[id];
    const guardrail = GUARDRAIL_RULE_IDS.includes(id);
    const rule = ruleById(id);
    if (!guardrail && rule === undefined) {
      errors.push({ path, reason: 'unknown rule id' });
      continue;
    }
    if (!isRecord(raw)) {
      errors.push({ path, reason: 'must be an object' });
      continue;
    }
    if (guardrail) {
      // F rules are properties of the engine: they can be neither disabled nor re-weighted.
      if (raw.enabled === false) errors.push({ path: `${path}/enabled`, reason: 'fairness and governance guardrails (RS-F-*) cannot be disabled' });
      for (const key of Object.keys(raw).filter((k) => k !== 'enabled')) {
        errors.push({ path: `${path}/${escapePointer(key)}`, reason: 'guardrails cannot be overridden' });
      }
      continue;
    }
    const override: { enabled?: boolean; severity?: RuleOverride['severity']; effect?: RuleOverride['effect']; thresholds?: Partial<Thresholds> } = {};
    for (const key of Object.keys(raw).sort()) {
      if (!['enabled', 'severity', 'effect', 'thresholds'].includes(key)) errors.push({ path: `${path}/${escapePointer(key)}`, reason: 'unknown override field' });
    }
    if (raw.enabled !== undefined) {
      if (typeof raw.enabled === 'boolean') override.enabled = raw.enabled;
      else errors.push({ path: `${path}/enabled`, reason: 'must be a boolean' });
    }
    const severity = parseEnum(raw.severity, SEVERITIES, `${path}/severity`, errors);
    const effect = parseEnum(raw.effect, EFFECTS, `${path}/effect`, errors);
    const hardAllowed = rule !== undefined && rule.basis !== undefined && rule.confidence !== 'M';
    if (severity === 'S4' && !hardAllowed) errors.push({ path: `${path}/severity`, reason: 'S4 needs a recorded legal or eligibility basis and a verified source' });
    if (effect === 'ineligible' && !hardAllowed) errors.push({ path: `${path}/effect`, reason: 'only a rule with a recorded legal or eligibility basis can make a case not eligible' });
    if (severity !== undefined) override.severity = severity;
    if (effect !== undefined) override.effect = effect;
    if (raw.thresholds !== undefined) override.thresholds = parseThresholds(raw.thresholds, `${path}/thresholds`, errors, true);
    rules[id] = override;
  }
  return rules;
}

function parseMatrix(value: unknown, errors: PolicyError[]): Matrix {
  if (value === undefined) return DEFAULT_POLICY.matrix;
  if (!isRecord(value)) {
    errors.push({ path: '/matrix', reason: 'must be an object R0..R3 → C0..C3 → level' });
    return DEFAULT_POLICY.matrix;
  }
  const rows = {} as Record<ResearchLevel, Record<MatrixCounterpartyLevel, MatrixRiskLevel>>;
  for (const key of Object.keys(value)) {
    if (!isOneOf(RESEARCH_LEVELS, key)) errors.push({ path: `/matrix/${escapePointer(key)}`, reason: 'unknown research level' });
  }
  for (const r of RESEARCH_LEVELS) {
    const row = value[r];
    const parsed = { ...DEFAULT_POLICY.matrix[r] };
    if (!isRecord(row)) {
      errors.push({ path: `/matrix/${r}`, reason: 'missing row' });
    } else {
      for (const key of Object.keys(row)) {
        if (key === 'C4') {
          if (row[key] !== 'blocked') errors.push({ path: `/matrix/${r}/C4`, reason: 'a confirmed C4 is always blocked (legal)' });
        } else if (!isOneOf(MATRIX_COUNTERPARTY_LEVELS, key)) {
          errors.push({ path: `/matrix/${r}/${escapePointer(key)}`, reason: 'unknown counterparty level' });
        }
      }
      for (const c of MATRIX_COUNTERPARTY_LEVELS) {
        const cell = row[c];
        if (isOneOf(MATRIX_RISK_LEVELS, cell)) parsed[c] = cell;
        else errors.push({ path: `/matrix/${r}/${c}`, reason: `must be one of ${MATRIX_RISK_LEVELS.join(', ')} (blocked comes only from a confirmed legal hit)` });
      }
    }
    rows[r] = parsed;
  }
  return rows;
}

function parseIntegritySteps(value: unknown, errors: PolicyError[]): AppraisalPolicy['integritySteps'] {
  if (value === undefined) return DEFAULT_POLICY.integritySteps;
  const valid = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 3;
  if (!isRecord(value) || !valid(value['I+1']) || !valid(value['I+2'])) {
    errors.push({ path: '/integritySteps', reason: 'must give I+1 and I+2 as whole numbers of levels (0–3)' });
    return DEFAULT_POLICY.integritySteps;
  }
  return { 'I+1': value['I+1'], 'I+2': value['I+2'] };
}

function parseRouting(value: unknown, errors: PolicyError[]): AppraisalPolicy['routing'] {
  if (value === undefined) return DEFAULT_POLICY.routing;
  if (!isRecord(value)) {
    errors.push({ path: '/routing', reason: 'must map low, medium, high, very_high to a route' });
    return DEFAULT_POLICY.routing;
  }
  const allowed: readonly Exclude<Route, 'not_eligible'>[] = ROUTES.filter((r): r is Exclude<Route, 'not_eligible'> => r !== 'not_eligible');
  const routing = { ...DEFAULT_POLICY.routing };
  for (const key of Object.keys(value)) {
    const path = `/routing/${escapePointer(key)}`;
    if (!isOneOf(MATRIX_RISK_LEVELS, key)) {
      errors.push({ path, reason: key === 'blocked' ? 'blocked always routes not_eligible' : 'unknown level' });
      continue;
    }
    const route = value[key];
    if (route === 'not_eligible') errors.push({ path, reason: 'only a rule with a recorded legal or eligibility basis can route not_eligible' });
    else if (isOneOf(allowed, route)) routing[key] = route;
    else errors.push({ path, reason: `must be one of ${allowed.join(', ')}` });
  }
  return routing;
}

function parseCountryContext(value: unknown, errors: PolicyError[]): AppraisalPolicy['countryContext'] {
  if (value === undefined) return DEFAULT_POLICY.countryContext;
  if (!isRecord(value)) {
    errors.push({ path: '/countryContext', reason: 'must be an object' });
    return DEFAULT_POLICY.countryContext;
  }
  let cap: 'low' | 'medium' = DEFAULT_POLICY.countryContext.cap;
  if (value.cap !== undefined) {
    if (value.cap === 'low' || value.cap === 'medium') cap = value.cap;
    else errors.push({ path: '/countryContext/cap', reason: 'country context alone can never raise a case above medium (RS-F-002)' });
  }
  const jurisdictions: CountryContextEntry[] = [];
  if (value.jurisdictions !== undefined) {
    if (!Array.isArray(value.jurisdictions)) errors.push({ path: '/countryContext/jurisdictions', reason: 'must be an array' });
    else value.jurisdictions.forEach((entry: unknown, i: number) => {
      const path = `/countryContext/jurisdictions/${i}`;
      if (!isRecord(entry)) return void errors.push({ path, reason: 'must be an object' });
      if (!isCountryCode(entry.country)) errors.push({ path: `${path}/country`, reason: 'must be an ISO 3166 alpha-2 code of an organisation\'s or funder\'s jurisdiction' });
      if (typeof entry.legalBasis !== 'string' || entry.legalBasis.trim() === '') errors.push({ path: `${path}/legalBasis`, reason: 'a country signal needs a documented legal basis (RS-F-002)' });
      if (entry.counterparty !== 'C1' && entry.counterparty !== 'C2') errors.push({ path: `${path}/counterparty`, reason: 'country context may contribute at most C2, so that it alone stays at or below medium (RS-F-002)' });
      if (isCountryCode(entry.country) && typeof entry.legalBasis === 'string' && entry.legalBasis.trim() !== '' && (entry.counterparty === 'C1' || entry.counterparty === 'C2')) {
        jurisdictions.push({ country: entry.country.toUpperCase(), legalBasis: entry.legalBasis, counterparty: entry.counterparty });
      }
    });
  }
  return { cap, jurisdictions };
}

function parseKeyDates(value: unknown, errors: PolicyError[]): AppraisalPolicy['keyDates'] {
  if (value === undefined) return DEFAULT_POLICY.keyDates;
  if (!isRecord(value)) {
    errors.push({ path: '/keyDates', reason: 'must be an object' });
    return {};
  }
  const after = value.engagementContinuedAfter;
  if (after === undefined) return {};
  if (!isIsoDate(after)) {
    errors.push({ path: '/keyDates/engagementContinuedAfter', reason: 'must be an ISO date YYYY-MM-DD' });
    return {};
  }
  return { engagementContinuedAfter: after };
}

function parseAttestations(value: unknown, errors: PolicyError[]): AppraisalPolicy['requiredAttestations'] {
  if (value === undefined) return DEFAULT_POLICY.requiredAttestations;
  if (!Array.isArray(value)) {
    errors.push({ path: '/requiredAttestations', reason: 'must be an array' });
    return [];
  }
  const result: AttestationRequirement[] = [];
  value.forEach((entry: unknown, i: number) => {
    const path = `/requiredAttestations/${i}`;
    if (!isRecord(entry) || typeof entry.type !== 'string' || entry.type === '' || typeof entry.perPerson !== 'boolean') {
      errors.push({ path, reason: 'needs a type (string) and perPerson (boolean)' });
      return;
    }
    const pack = entry.pack === undefined || entry.pack === 'ALL' ? 'ALL' : parseEnum(entry.pack, PACK_IDS, `${path}/pack`, errors);
    if (pack === undefined) return;
    if (entry.statementVersion !== undefined && typeof entry.statementVersion !== 'string') errors.push({ path: `${path}/statementVersion`, reason: 'must be a string' });
    if (entry.appliesWhen !== undefined && entry.appliesWhen !== 'aims_to_advance_stra') errors.push({ path: `${path}/appliesWhen`, reason: 'must be aims_to_advance_stra' });
    result.push({
      type: entry.type,
      pack,
      perPerson: entry.perPerson,
      ...(typeof entry.statementVersion === 'string' ? { statementVersion: entry.statementVersion } : {}),
      ...(entry.appliesWhen === 'aims_to_advance_stra' ? { appliesWhen: 'aims_to_advance_stra' as const } : {}),
    });
  });
  return result;
}

function parseCountriesOfConcern(value: unknown, errors: PolicyError[]): AppraisalPolicy['foreignCountriesOfConcern'] {
  if (value === undefined) return DEFAULT_POLICY.foreignCountriesOfConcern;
  if (!isRecord(value) || !Array.isArray(value.countries) || typeof value.legalBasis !== 'string') {
    errors.push({ path: '/foreignCountriesOfConcern', reason: 'needs countries (array) and legalBasis (string)' });
    return DEFAULT_POLICY.foreignCountriesOfConcern;
  }
  const countries: string[] = [];
  value.countries.forEach((c: unknown, i: number) => {
    if (isCountryCode(c)) countries.push(c.toUpperCase());
    else errors.push({ path: `/foreignCountriesOfConcern/countries/${i}`, reason: 'must be an ISO 3166 alpha-2 code' });
  });
  if (countries.length > 0 && value.legalBasis.trim() === '') errors.push({ path: '/foreignCountriesOfConcern/legalBasis', reason: 'a country list needs its legal basis (RS-F-002)' });
  return { countries: countries.sort(), legalBasis: value.legalBasis };
}

function parseSlaDays(value: unknown, errors: PolicyError[]): AppraisalPolicy['slaDays'] {
  if (value === undefined) return DEFAULT_POLICY.slaDays;
  if (!isRecord(value)) {
    errors.push({ path: '/slaDays', reason: 'must be an object' });
    return DEFAULT_POLICY.slaDays;
  }
  const sla = { ...DEFAULT_POLICY.slaDays };
  for (const key of Object.keys(value)) {
    const path = `/slaDays/${escapePointer(key)}`;
    const days = value[key];
    if (!isOneOf(ESCALATION_TARGETS, key)) errors.push({ path, reason: 'unknown escalation target' });
    else if (!isDays(days)) errors.push({ path, reason: 'must be a number of days > 0 and ≤ 365' });
    else sla[key] = days;
  }
  return sla;
}

/** Guardrails that depend on the merged policy as a whole. */
function checkInvariants(policy: AppraisalPolicy, errors: PolicyError[]): void {
  const t = policy.thresholds;
  if (t.reviewBandLower > t.matchCandidate) errors.push({ path: '/thresholds/reviewBandLower', reason: 'must not exceed matchCandidate' });
  // RS-F-006: the fast-lane cells must stay low, or the fast lane would be switched off.
  for (const r of ['R0', 'R1'] as const) {
    for (const c of ['C0', 'C1'] as const) {
      if (policy.matrix[r][c] !== 'low') errors.push({ path: `/matrix/${r}/${c}`, reason: 'the proportionality fast lane R0/R1 × C0/C1 must stay low (RS-F-006)' });
    }
  }
  // RS-F-002: country context can contribute up to C2; with nothing else (R0, I0) that must stay ≤ medium.
  for (const c of ['C1', 'C2'] as const) {
    if (rankOf(RISK_LEVELS, policy.matrix.R0[c]) > rankOf(RISK_LEVELS, 'medium')) {
      errors.push({ path: `/matrix/R0/${c}`, reason: 'country context alone could raise a case above medium (RS-F-002)' });
    }
  }
}
