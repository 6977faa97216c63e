// RULES.md §5 mitigation catalogue. MIT-15 (dissemination restriction) needs a legal basis (RS-F-005).
export const MITIGATION_IDS = [
  'MIT-01', 'MIT-02', 'MIT-03', 'MIT-04', 'MIT-05', 'MIT-06', 'MIT-07', 'MIT-08',
  'MIT-09', 'MIT-10', 'MIT-11', 'MIT-12', 'MIT-13', 'MIT-14', 'MIT-15',
] as const;
export type MitigationId = (typeof MITIGATION_IDS)[number];

/** Mitigations that restrict dissemination: only allowed on findings of rules with a legal basis. */
export const DISSEMINATION_RESTRICTIONS: readonly MitigationId[] = ['MIT-15'];
