import { ApiProperty } from '@nestjs/swagger';
import type { TenantCreatedResult } from '../../../application/commands/create-tenant/create-tenant.command';
import type { IssuedAdvisorRegistrationCode } from '../../../application/commands/issue-advisor-registration-code/issue-advisor-registration-code.command';
import type { IssuedApiKey } from '../../../application/commands/issue-api-key/issue-api-key.command';
import type { AdvisorRegistrationCodeView } from '../../../infrastructure/access.query-service';
import type { ApiKeyView } from '../../../application/queries/list-api-keys.query';
import { ROLES, TENANT_KINDS } from '../../../domain/roles';
import type { Role, TenantKind } from '../../../domain/roles';

// Response classes: the views are interfaces (erased at run time), so these classes give the
// OpenAPI document their shape. `implements` keeps each class in step with its view.

export class TenantResponse {
  id!: string;
  name!: string;
  @ApiProperty({ enum: TENANT_KINDS, enumName: 'TenantKind' })
  kind!: TenantKind;
  createdAt!: string;
}

/** A key as issued: `key` is shown this once (a replay of the request answers it as null). */
export class IssuedApiKeyResponse implements IssuedApiKey {
  id!: string;
  name!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  roles!: Role[];
  /** The secret, `ajar_…`; Ajar keeps only its hash. */
  key!: string;
  /** The first characters of the key, to recognise it in lists. */
  displayPrefix!: string;
  /** Where notices for the key's roles are e-mailed; null for none. */
  contactEmail!: string | null;
  createdAt!: string;
}

export class TenantApiKeyResponse {
  id!: string;
  name!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  roles!: string[];
  /** The secret, shown this once. */
  key!: string;
  displayPrefix!: string;
}

export class TenantCreatedResponse implements TenantCreatedResult {
  tenant!: TenantResponse;
  /** The tenant's first admin key. */
  apiKey!: TenantApiKeyResponse;
}

/** A key as listed: never the key itself. */
export class ApiKeyResponse implements ApiKeyView {
  id!: string;
  name!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  roles!: string[];
  displayPrefix!: string;
  contactEmail!: string | null;
  createdAt!: string;
  revokedAt!: string | null;
}

export class ApiKeyListResponse {
  items!: ApiKeyResponse[];
}

/** An advisory body the tenant may escalate to. */
export class AdvisorResponse {
  advisorTenantId!: string;
  name!: string;
  registeredAt!: string;
}

export class AdvisorListResponse {
  items!: AdvisorResponse[];
}

/** A registration code as issued: `code` is shown this once. */
export class IssuedAdvisorRegistrationCodeResponse implements IssuedAdvisorRegistrationCode {
  id!: string;
  /** The secret, `arc_…`, to hand to the institution or funder; Ajar keeps only its hash. */
  code!: string;
  /** The one tenant that may present it; null: any funder or institution. */
  forTenantId!: string | null;
  issuedAt!: string;
  expiresAt!: string;
}

/** A registration code as listed: never the code itself. */
export class AdvisorRegistrationCodeResponse implements AdvisorRegistrationCodeView {
  id!: string;
  forTenantId!: string | null;
  issuedAt!: string;
  expiresAt!: string;
  /** The tenant that registered the advisory body with it; null while unused. */
  redeemedByTenantId!: string | null;
  redeemedAt!: string | null;
  revokedAt!: string | null;
}

export class AdvisorRegistrationCodeListResponse {
  items!: AdvisorRegistrationCodeResponse[];
}
