'use strict';
// The realistic case shared by the benchmarks (bench/intake, bench/appraisal): 5 partners, 8 listed
// people each with an inline certified disclosure, 20 affiliations, about 6.4 kB of JSON.

function realisticCase(index) {
  const org = (name, country) => ({ name, country });
  const affiliations = (person) => [
    { organisation: org(`University ${person} of Applied Science`, 'NL'), type: 'employment', paid: true, from: '2019-09', to: null },
    { organisation: org(`Institute for Advanced Study ${person}`, 'DE'), type: 'visiting', paid: false, from: '2023-01', to: '2023-06' },
    ...(person % 2 === 0 ? [{ organisation: org(`Photonics Consortium ${person}`, 'BE'), type: 'advisory', paid: true, from: '2022-03', to: null }] : []),
  ];
  return {
    kind: 'funding_proposal',
    externalRef: `bench-${index}`,
    title: 'Room-temperature quantum sensors for medical imaging',
    abstract: 'A three-year project on photonic quantum sensing with industrial and academic partners. '.repeat(4),
    keywords: ['quantum sensing', 'photonics', 'medical imaging'],
    researchStage: 'applied',
    technologyAreas: ['quantum', 'photonics'],
    exportControl: { relevant: false, classifications: [] },
    sensitiveData: { personal: true, other: [] },
    endUse: 'Non-invasive imaging research in hospitals.',
    partners: [
      { name: 'Acme Photonics B.V.', country: 'NL', type: 'company', identifiers: { lei: '724500Y6DUVHQD6OXN27' }, role: 'industry partner', accessTo: ['data'] },
      { name: 'University of Somewhere', country: 'DE', type: 'university', identifiers: { ror: '05gq02987' } },
      { name: 'Institut Optique', country: 'FR', type: 'university' },
      { name: 'Nordic Sensors AB', country: 'SE', type: 'company', accessTo: ['facilities'] },
      { name: 'Medical Imaging Foundation', country: 'BE', type: 'nonprofit' },
    ],
    fundingSources: [{ funder: { name: 'Dutch Research Council', country: 'NL' }, amount: 750000, currency: 'EUR', kind: 'grant' }],
    personnel: Array.from({ length: 8 }, (_unused, person) => ({
      ref: `p${person + 1}`,
      name: `Researcher ${person + 1}`,
      role: person === 0 ? 'pi' : person < 3 ? 'co_investigator' : 'researcher',
      disclosure: {
        affiliations: affiliations(person),
        supportSources: [{ sponsor: org('Dutch Research Council', 'NL'), status: 'current', amount: 100000, currency: 'EUR' }],
        talentProgrammes: [],
        certified: true,
        certifiedAt: '2026-11-01T09:00:00Z',
      },
    })),
  };
}

module.exports = { realisticCase };
