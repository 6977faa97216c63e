/** The roles an API key can carry (DESIGN §1, RULES §6). */
export const ROLES = [
  'admin',
  'rso',
  'approver',
  'applicant',
  'ethics_committee',
  'national_advisor',
  'auditor',
  'integrator',
] as const;
export type Role = (typeof ROLES)[number];
