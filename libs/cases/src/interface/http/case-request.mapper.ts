import type { CaseContent, Disclosure } from '../../domain/case-content';
import type { CaseSubmissionRequest, PersonDto } from './dto/case-submission.request';
import type { DisclosureDto } from './dto/disclosure.dto';

/** The domain shape of a validated disclosure; `certified` is implied by its presence. */
export function toDisclosure(dto: DisclosureDto): Disclosure {
  // Plain JSON for the domain (no DTO instances, no undefined).
  return jsonRoundTrip({
    affiliations: dto.affiliations,
    supportSources: dto.supportSources ?? [],
    talentProgrammes: dto.talentProgrammes ?? [],
    certifiedAt: dto.certifiedAt,
  }) as Disclosure;
}

export function inlineDisclosures(personnel: PersonDto[] | undefined): Record<string, Disclosure> {
  const result: Record<string, Disclosure> = {};
  for (const person of personnel ?? []) {
    if (person.disclosure) result[person.ref] = toDisclosure(person.disclosure);
  }
  return result;
}

/** Plain JSON of the request's case fields, without the inline disclosures. */
export function toCaseContent(dto: Partial<CaseSubmissionRequest>): Partial<CaseContent> {
  const { personnel, ...rest } = dto;
  const content: Record<string, unknown> = { ...rest };
  if (personnel) content.personnel = personnel.map(({ disclosure: _disclosure, ...person }) => person);
  return jsonRoundTrip(content) as Partial<CaseContent>;
}

/** A JSON round trip: plain objects and arrays only, undefined left out, a Date as its ISO string. */
function jsonRoundTrip(value: object): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
