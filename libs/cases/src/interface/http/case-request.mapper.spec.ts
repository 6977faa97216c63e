import { plainToInstance } from 'class-transformer';
import { inlineDisclosures, toCaseContent, toDisclosure } from './case-request.mapper';
import { CaseAmendmentRequest } from './dto/case-amendment.request';
import { CaseSubmissionRequest, PersonDto } from './dto/case-submission.request';
import { DisclosureDto, FileDisclosureRequest } from './dto/disclosure.dto';

/** No class instances and no undefined anywhere: what the domain and the database get. */
function expectPlain(value: unknown): void {
  if (Array.isArray(value)) {
    expect(Object.getPrototypeOf(value)).toBe(Array.prototype);
    value.forEach(expectPlain);
  } else if (value !== null && typeof value === 'object') {
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    Object.values(value).forEach(expectPlain);
  } else {
    expect(value).not.toBeUndefined();
  }
}

function disclosure(person: number): Record<string, unknown> {
  const organisation = (name: string, country: string): Record<string, unknown> => ({ name, country });
  return {
    affiliations: [
      { organisation: organisation(`University ${person}`, 'NL'), type: 'employment', paid: true, from: '2019-09', to: null },
      { organisation: { name: `Institute ${person}`, identifiers: { ror: '05gq02987' } }, type: 'visiting', from: '2023-01', to: '2023-06', effortPersonMonthsPerYear: 1.5 },
    ],
    ...(person % 2 === 0 ? { supportSources: [{ sponsor: organisation('Dutch Research Council', 'NL'), status: 'current', amount: 100000, currency: 'EUR' }] } : {}),
    ...(person % 3 === 0 ? { talentProgrammes: [{ name: 'Programme', status: 'ended', features: ['f1', 'f3'] }] } : {}),
    certified: true,
    certifiedAt: '2026-11-01T09:00:00Z',
  };
}

function submission(): Record<string, unknown> {
  return {
    kind: 'funding_proposal',
    externalRef: 'mapper-1',
    title: 'Room-temperature quantum sensors',
    abstract: 'Photonic quantum sensing.',
    keywords: ['quantum sensing', 'photonics'],
    researchStage: 'applied',
    technologyAreas: ['quantum', 'photonics'],
    exportControl: { relevant: false, classifications: [] },
    sensitiveData: { personal: true, other: [] },
    endUse: 'Imaging research.',
    partners: [
      { name: 'Acme Photonics B.V.', country: 'NL', type: 'company', identifiers: { lei: '724500Y6DUVHQD6OXN27' }, role: 'industry partner', accessTo: ['data'] },
      { name: 'Institut Optique', country: 'FR', type: 'university' },
    ],
    fundingSources: [{ funder: { name: 'Dutch Research Council', country: 'NL' }, amount: 750000, currency: 'EUR', kind: 'grant' }],
    personnel: Array.from({ length: 6 }, (_unused, index) => ({
      ref: `p${index + 1}`,
      name: `Researcher ${index + 1}`,
      role: index === 0 ? 'pi' : 'researcher',
      ...(index === 1 ? { orcid: '0000-0002-1825-0097' } : {}),
      ...(index < 5 ? { disclosure: disclosure(index) } : {}),
    })),
    aimsToAdvanceSTRA: false,
    homeCountry: 'NL',
    placesOfPerformance: ['NL', 'FR'],
  };
}

describe('case request mapper', () => {
  it('maps a submission to plain JSON: the request\'s fields without the inline disclosures', () => {
    const dto = plainToInstance(CaseSubmissionRequest, submission());
    expect(dto.personnel[0]).toBeInstanceOf(PersonDto);
    const content = toCaseContent(dto);
    const { personnel, ...fields } = submission() as { personnel: Record<string, unknown>[] };
    expect(content).toStrictEqual({ ...fields, personnel: personnel.map(({ disclosure: _disclosure, ...person }) => person) });
    expectPlain(content);
    expect(content.personnel?.every((person) => !('disclosure' in person))).toBe(true);

    const disclosures = inlineDisclosures(dto.personnel);
    expect(Object.keys(disclosures)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    const { certified: _certified, ...filed } = disclosure(0);
    expect(disclosures.p1).toStrictEqual(filed);
    expectPlain(disclosures);
    // `certified` is implied; absent lists become empty ones.
    expect(disclosures.p2).toStrictEqual({ affiliations: expect.any(Array), supportSources: [], talentProgrammes: [], certifiedAt: '2026-11-01T09:00:00Z' });
  });

  it('leaves out undefined fields, as an amendment of some fields carries them', () => {
    const amendment = plainToInstance(CaseAmendmentRequest, { title: 'Amended', partners: [{ name: 'Acme', country: 'NL', type: 'company' }] });
    const { note: _note, ...changes } = Object.assign(amendment, { abstract: undefined, keywords: undefined, note: 'why' });
    Object.assign(changes.partners?.[0] ?? {}, { role: undefined, identifiers: undefined });
    const content = toCaseContent(changes);
    expect(content).toStrictEqual({ title: 'Amended', partners: [{ name: 'Acme', country: 'NL', type: 'company' }] });
    // Spread over the current content, nothing is blanked out.
    expect({ abstract: 'kept', ...content }.abstract).toBe('kept');
  });

  it('maps a filed disclosure without its request fields (personRef, certified)', () => {
    const body = plainToInstance(FileDisclosureRequest, { personRef: 'p1', ...disclosure(0) });
    const mapped = toDisclosure(body);
    const { certified: _certified, ...filed } = disclosure(0);
    expect(mapped).toStrictEqual(filed);
    expectPlain(mapped);
    expect(Object.keys(mapped)).toEqual(['affiliations', 'supportSources', 'talentProgrammes', 'certifiedAt']);
  });

  it('turns a Date into its ISO string (no DTO field holds one today)', () => {
    const body = plainToInstance(DisclosureDto, disclosure(3));
    Object.assign(body, { certifiedAt: new Date('2026-11-01T09:00:00Z') });
    const mapped = toDisclosure(body);
    expectPlain(mapped);
    expect(mapped.certifiedAt).toBe('2026-11-01T09:00:00.000Z');
  });

  it('maps no personnel to no disclosures and leaves personnel out of the content', () => {
    expect(inlineDisclosures(undefined)).toStrictEqual({});
    const content = toCaseContent({ title: 'Only a title' });
    expect(content).toStrictEqual({ title: 'Only a title' });
  });
});
