import type { CaseContent, Disclosure } from '../../domain/case-content';
import type { CaseSubmissionRequest, PersonDto } from './dto/case-submission.request';
import type { DisclosureDto } from './dto/disclosure.dto';
import { plainJsonCopy } from './plain-json-copy';

/** The domain shape of a validated disclosure; `certified` is implied by its presence. */
export function toDisclosure(dto: DisclosureDto): Disclosure {
  // Plain JSON for the domain (no DTO instances, no undefined), as JSON.parse(JSON.stringify()) would give.
  return plainJsonCopy({
    affiliations: dto.affiliations,
    supportSources: dto.supportSources ?? [],
    talentProgrammes: dto.talentProgrammes ?? [],
    certifiedAt: dto.certifiedAt,
  }) as unknown as Disclosure;
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
  return plainJsonCopy(content) as unknown as Partial<CaseContent>;
}
