import type { CaseContent, Disclosure } from '../domain/case-content';

export const certifiedDisclosure: Disclosure = {
  affiliations: [{ organisation: { name: 'University of Example', country: 'NL' }, type: 'employment', paid: true }],
  supportSources: [],
  talentProgrammes: [],
  certifiedAt: '2026-11-01T10:00:00Z',
};

export function caseContent(personRefs: string[] = ['p1', 'p2']): CaseContent {
  return {
    kind: 'collaboration',
    title: 'Quantum sensing with Acme',
    partners: [{ name: 'Acme Photonics B.V.', country: 'NL', type: 'company' }],
    fundingSources: [],
    personnel: personRefs.map((ref) => ({ ref, name: `Person ${ref}`, role: 'researcher' as const })),
  };
}

export const integratorActor = { kind: 'api_key' as const, id: 'key-1', tenantId: 'tenant-1', roles: ['integrator'] };
