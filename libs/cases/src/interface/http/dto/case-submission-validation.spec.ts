import { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe, PlannedValidationPipe, ValidationPlans } from '@ajar/http';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CaseSubmissionRequest } from './case-submission.request';

// The quick "valid" answer of the validation pipe must never accept what class-validator refuses,
// and must hand the controller the same DTO. Checked on a submission that uses every nested DTO and
// on thousands of mutations of it.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function fullSubmission(): { [key: string]: Json } {
  const organisation = (name: string, country: string): { [key: string]: Json } => ({ name, country, identifiers: { ror: '05gq02987', registration: 'KVK-1' } });
  return {
    kind: 'funding_proposal',
    callId: '0b9f7c9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    externalRef: 'full-1',
    title: 'Room-temperature quantum sensors',
    abstract: 'Photonic quantum sensing.',
    keywords: ['quantum sensing', 'photonics'],
    researchStage: 'applied',
    technologyAreas: ['quantum', 'photonics'],
    exportControl: { relevant: true, classifications: ['3A001'] },
    sensitiveData: { personal: true, other: ['location'] },
    endUse: 'Imaging research.',
    partners: [
      {
        name: 'Acme Photonics B.V.',
        country: 'NL',
        type: 'company',
        identifiers: { lei: '724500Y6DUVHQD6OXN27' },
        role: 'industry partner',
        accessTo: ['data', 'facilities'],
        dueDiligence: { identityVerified: 'yes', coldApproach: 'no', dependency: 'unsure' },
        agreement: { status: 'signed', legalEffect: true, ipTerms: 'clear', exitClause: true, accessScope: ['data'], terms: { mirrorLab: false, publicationVeto: true } },
        ownershipChain: [{ name: 'Acme Holding', country: 'NL', identifiers: { lei: '724500Y6DUVHQD6OXN28' }, percent: 60, control: true }],
      },
    ],
    fundingSources: [{ funder: organisation('Dutch Research Council', 'NL'), amount: 750000, currency: 'EUR', kind: 'grant' }],
    personnel: [
      {
        ref: 'p1',
        name: 'Researcher One',
        role: 'pi',
        orcid: '0000-0002-1825-0097',
        disclosure: {
          affiliations: [
            { organisation: organisation('University of Applied Science', 'NL'), type: 'employment', paid: true, from: '2019-09', to: null, effortPersonMonthsPerYear: 10 },
            { organisation: { name: 'Institute for Advanced Study' }, type: 'visiting', paid: false, from: '2023-01', to: '2023-06', disclosedLate: true },
          ],
          supportSources: [{ sponsor: organisation('Dutch Research Council', 'NL'), status: 'current', title: 'Grant', amount: 100000, currency: 'EUR', personMonthsPerYear: 2 }],
          talentProgrammes: [{ name: 'Programme X', sponsor: { name: 'Agency Y', country: 'FR' }, status: 'declined', features: ['f1', 'f3'] }],
          certified: true,
          certifiedAt: '2026-11-01T09:00:00Z',
        },
      },
      { ref: 'p2', name: 'Researcher Two', role: 'student' },
    ],
    aimsToAdvanceSTRA: false,
    publicationIntent: 'open',
    dataSensitivity: { personalData: true, population: false },
    criticalInfrastructureSector: 'health',
    criticalMinerals: ['gallium'],
    homeCountry: 'NL',
    placesOfPerformance: ['NL', 'DE'],
    foreignComponentJustification: 'Unique facilities.',
    safety: { riskyFieldwork: 'no', pressureOnResearchers: 'unsure' },
    attestations: [{ type: 'research-security', statementVersion: 'v1', signedBy: 'p1', signedAt: '2026-11-01T09:00:00Z' }],
  };
}

type Path = (string | number)[];

function pathsOf(value: Json, path: Path = []): Path[] {
  const paths: Path[] = path.length > 0 ? [path] : [];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...path, index])));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...path, key]));
  return paths;
}

/** A copy of `body` with the value at `path` replaced (or deleted, for `undefined`). */
function withValue(body: Json, path: Path, replace: (value: Json) => Json | undefined): Json {
  const copy = JSON.parse(JSON.stringify(body)) as Json;
  let parent = copy as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path[path.length - 1];
  const next = replace(parent[last]);
  if (next !== undefined) parent[last] = next;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

const isObject = (value: Json): value is { [key: string]: Json } => value !== null && typeof value === 'object' && !Array.isArray(value);
const always = (): boolean => true;
const isString = (value: Json): boolean => typeof value === 'string';
const isNumber = (value: Json): boolean => typeof value === 'number';
const isContainer = (value: Json): boolean => value !== null && typeof value === 'object';

/** Each mutation, and the values it applies to. */
const MUTATIONS: [string, (value: Json) => boolean, (value: Json) => Json | undefined][] = [
  ['deleted', always, () => undefined],
  ['null', always, () => null],
  ['zero', always, () => 0],
  ['negative', isNumber, () => -1],
  ['fraction', isNumber, () => 12.5],
  ['large number', isNumber, () => 1e12],
  ['empty string', always, () => ''],
  ['other string', always, () => 'x'],
  ['long string', isString, () => 'y'.repeat(20_001)],
  ['true', always, () => true],
  ['empty array', always, () => []],
  ['empty object', always, () => ({})],
  ['wrapped in an array', always, (value) => [value]],
  ['array of nulls', isContainer, () => [null]],
  ['many copies', isContainer, (value) => Array.from({ length: 201 }, () => value)],
  ['unknown field', isObject, (value) => ({ ...(value as object), colour: 'red' })],
  ['nationality', isObject, (value) => ({ ...(value as object), nationality: 'XX' })],
  ['lower case', isString, (value) => (value as string).toLowerCase()],
  ['padded', isString, (value) => ` ${value as string} `],
];

function valueAt(body: Json, path: Path): Json {
  return path.reduce<Json>((value, step) => (value as Record<string | number, Json>)[step], body);
}

function mutations(): { label: string; body: Json }[] {
  const body = fullSubmission();
  const all = [{ label: 'unchanged', body: body as Json }];
  for (const path of pathsOf(body)) {
    const value = valueAt(body, path);
    for (const [name, appliesTo, mutate] of MUTATIONS) {
      if (appliesTo(value)) all.push({ label: `${path.join('.')}: ${name}`, body: withValue(body, path, mutate) });
    }
  }
  return all;
}

const VALIDATOR_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };
const BODY: ArgumentMetadata = { type: 'body', metatype: CaseSubmissionRequest, data: '' };

describe('case submission validation: the planned quick path against class-validator', () => {
  const bodies = mutations();

  it('accepts only what class-validator accepts, and accepts valid submissions itself', () => {
    const plans = new ValidationPlans();
    const wronglyAccepted: string[] = [];
    let accepted = 0;
    let valid = 0;
    for (const { label, body } of bodies) {
      const fast = plans.instanceIfValid(CaseSubmissionRequest, body as object) !== undefined;
      const errors = validateSync(plainToInstance(CaseSubmissionRequest, body), VALIDATOR_OPTIONS);
      if (fast && errors.length > 0) wronglyAccepted.push(label);
      if (fast) accepted += 1;
      if (errors.length === 0) valid += 1;
    }
    expect(wronglyAccepted).toEqual([]);
    expect(bodies.length).toBeGreaterThan(1_000);
    // Mutations that keep the body valid (an optional field deleted, a value that still fits)
    // take the quick path too.
    expect(valid).toBeGreaterThan(200);
    expect(accepted).toBe(valid);
    expect(plans.instanceIfValid(CaseSubmissionRequest, fullSubmission())).toBeInstanceOf(CaseSubmissionRequest);
  });

  it('answers exactly as Nest\'s ValidationPipe: the same DTO instance, or the same problem', async () => {
    const planned = createValidationPipe();
    expect(planned).toBeInstanceOf(PlannedValidationPipe);
    const reference = createValidationPipe();
    // The reference runs Nest's own path: PlannedValidationPipe's parent method.
    const nestTransform = Object.getPrototypeOf(PlannedValidationPipe.prototype).transform as PlannedValidationPipe['transform'];
    const quick = jest.spyOn(ValidationPlans.prototype, 'instanceIfValid');
    for (const { label, body } of bodies.filter((_unused, index) => index % 2 === 0)) {
      const [mine, theirs] = await Promise.all([
        planned.transform(JSON.parse(JSON.stringify(body)) as Json, BODY).then((value) => ({ value }), (error: unknown) => ({ error })),
        nestTransform.call(reference, JSON.parse(JSON.stringify(body)) as Json, BODY).then((value) => ({ value }), (error: unknown) => ({ error })),
      ]);
      expect({ label, ...mine }).toStrictEqual({ label, ...theirs });
    }
    // The quick path did answer (the bodies are parsed in this realm, as the API's are).
    expect(quick.mock.results.filter((result) => result.value !== undefined).length).toBeGreaterThan(100);
    quick.mockRestore();
  });
});
