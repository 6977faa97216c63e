// Public surface of @ajar/matching: the fuzzy organisation/person name matcher behind the
// appraisal engine's ReferenceIndex. Pure TypeScript: no Nest, no I/O, no randomness; the clock is
// read only by `FuzzyReferenceIndex.build`, to know when to pause, never for a result.
export { DEFAULT_MATCH_THRESHOLD, matchNames } from './match-names';
export type { NameMatch } from './match-names';
export { analyseName, normaliseOrganisationName } from './normalise-organisation-name';
export type { AnalysedName, NameKind, NameToken, TokenKind } from './normalise-organisation-name';
export { FuzzyReferenceIndex } from './fuzzy-reference-index';
export type { FuzzyReferenceIndexOptions } from './fuzzy-reference-index';
export { DEFAULT_REMEMBERED_CANDIDATES, DEFAULT_REMEMBERED_LOOKUPS, RememberingReferenceIndex } from './remembering-reference-index';
export { indexingProblem } from './indexing-problem';
export { DeltaReferenceIndex } from './delta-reference-index';
export type { ReferenceListDelta } from './delta-reference-index';
