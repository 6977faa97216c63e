// Synthetic reference lists (RULES §9: invented names, fictional country codes).
import type { ReferenceList } from '../reference-index/in-memory-reference-index';
import { InMemoryReferenceIndex } from '../reference-index/in-memory-reference-index';

export const SANCTIONS_LIST: ReferenceList = {
  listId: 'test-sanctions',
  version: 3,
  kind: 'sanctions',
  entries: [
    { entryId: 'san-1', schema: 'organisation', name: 'Sample Photonics Ltd', country: 'YY', identifiers: { registration: 'SP-998877' }, topics: ['sanction'], lastChange: '2025-01-01' },
    { entryId: 'san-2', schema: 'person', name: 'Ivan Testperson', topics: ['sanction'] },
    { entryId: 'san-3', schema: 'organisation', name: 'Linked Optics GmbH', country: 'YY', topics: ['sanction.linked'] },
  ],
};

export const EXPORT_CONTROL_LIST: ReferenceList = {
  listId: 'test-entity-list',
  version: 2,
  kind: 'export_control',
  entries: [
    { entryId: 'el-1', schema: 'organisation', name: 'Example Defence Electronics Research Institute 7', country: 'XX', topics: ['export.control', 'mil'] },
    { entryId: 'el-2', schema: 'organisation', name: 'Denied Tradeworks', country: 'XX', topics: ['export.denied'] },
  ],
};

export const RESEARCH_SECURITY_LIST: ReferenceList = {
  listId: 'test-nro',
  version: 5,
  kind: 'research_security',
  entries: [
    { entryId: 'nro-1', schema: 'organisation', name: 'Example Academy of Applied Sciences', aliases: ['Example Institute of Optics'], weakAliases: ['EAAS'], country: 'XX', topics: ['export.control'] },
    { entryId: 'nro-2', schema: 'organisation', name: 'Westbrook Polytechnic University', country: 'XX', topics: ['defence.1286'] },
    { entryId: 'nro-3', schema: 'organisation', name: 'Eastvale Marine Institute', country: 'XX', rating: 'medium' },
    { entryId: 'nro-4', schema: 'person', name: 'Alex Example', topics: ['export.control'] },
  ],
};

export const WATCH_LIST: ReferenceList = {
  listId: 'test-watch',
  version: 1,
  kind: 'watchlist',
  entries: [
    { entryId: 'w-1', schema: 'organisation', name: 'Greyfield Consulting', country: 'XA', topics: ['debarment'] },
    { entryId: 'w-2', schema: 'organisation', name: 'Quiet Harbour Holdings', country: 'XA', topics: ['poi'] },
    { entryId: 'w-3', schema: 'organisation', name: 'Redmount State Works', country: 'XA', topics: ['debarment', 'gov.soe', 'crime.fraud'] },
  ],
};

export const ALL_LISTS: readonly ReferenceList[] = [SANCTIONS_LIST, EXPORT_CONTROL_LIST, RESEARCH_SECURITY_LIST, WATCH_LIST];

export function aReferenceIndex(lists: readonly ReferenceList[] = ALL_LISTS): InMemoryReferenceIndex {
  return new InMemoryReferenceIndex(lists);
}
