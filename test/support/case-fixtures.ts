/** A realistic case: partners, funding, and listed people with or without inline disclosures. */
export function disclosure(organisation = 'Delft University of Technology'): Record<string, unknown> {
  return {
    affiliations: [{ organisation: { name: organisation, country: 'NL' }, type: 'employment', paid: true, from: '2020-01', to: null }],
    supportSources: [{ sponsor: { name: 'Dutch Research Council', country: 'NL' }, status: 'current', amount: 250000, currency: 'EUR' }],
    talentProgrammes: [],
    certified: true,
    certifiedAt: '2026-11-01T09:00:00Z',
  };
}

export function caseSubmission(options: { people?: number; disclosed?: number; externalRef?: string; callId?: string } = {}): Record<string, unknown> {
  const people = options.people ?? 2;
  const disclosed = options.disclosed ?? people;
  return {
    kind: 'collaboration',
    ...(options.callId ? { callId: options.callId } : {}),
    externalRef: options.externalRef ?? `ext-${Math.random().toString(36).slice(2)}`,
    title: 'Photonic quantum sensors for medical imaging',
    abstract: 'Joint work on room-temperature quantum sensors.',
    keywords: ['quantum sensing', 'imaging'],
    researchStage: 'applied',
    technologyAreas: ['quantum', 'photonics'],
    exportControl: { relevant: false, classifications: [] },
    sensitiveData: { personal: false, other: [] },
    endUse: 'Medical imaging research',
    partners: [
      { name: 'Acme Photonics B.V.', country: 'NL', type: 'company', identifiers: { lei: '724500Y6DUVHQD6OXN27' }, role: 'industry partner', accessTo: ['data'] },
      { name: 'University of Somewhere', country: 'DE', type: 'university', identifiers: { ror: '05gq02987' } },
    ],
    fundingSources: [{ funder: { name: 'Dutch Research Council', country: 'NL' }, amount: 500000, currency: 'EUR', kind: 'grant' }],
    personnel: Array.from({ length: people }, (_unused, index) => ({
      ref: `p${index + 1}`,
      name: `Researcher ${index + 1}`,
      role: index === 0 ? 'pi' : 'researcher',
      ...(index < disclosed ? { disclosure: disclosure() } : {}),
    })),
  };
}
