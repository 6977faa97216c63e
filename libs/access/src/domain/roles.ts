export { ROLES } from '@ajar/kernel';
export type { Role } from '@ajar/kernel';

export const TENANT_KINDS = ['funder', 'institution', 'advisory_body'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];
