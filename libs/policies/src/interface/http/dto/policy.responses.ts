import { ApiProperty } from '@nestjs/swagger';
import type { OpenedCall } from '../../../application/commands/open-call/open-call.command';
import type { PublishedPolicyVersion } from '../../../application/commands/publish-policy-version/publish-policy-version.command';
import type { PolicyView } from '../../../application/queries/get-policy.query';

// Response classes: the views are interfaces (erased at run time), so these classes give the
// OpenAPI document their shape. `implements` keeps each class in step with its view.

export class PublishedPolicyVersionResponse implements PublishedPolicyVersion {
  name!: string;
  version!: number;
  createdAt!: string;
}

export class PolicyVersionResponse {
  version!: number;
  /** The document as submitted. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  document!: Record<string, unknown>;
  /** The policy as the engine runs it: the document merged over the default policy. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  effective!: Record<string, unknown>;
  createdAt!: string;
}

export class PolicyHistoryEntryResponse {
  version!: number;
  createdAt!: string;
}

export class PolicyResponse implements PolicyView {
  name!: string;
  currentVersion!: number;
  current!: PolicyVersionResponse;
  history!: PolicyHistoryEntryResponse[];
}

export class CallPolicyResponse {
  name!: string;
  version!: number;
}

/** A funder call, bound to one policy version. */
export class CallResponse implements OpenedCall {
  id!: string;
  title!: string;
  externalRef!: string | null;
  policy!: CallPolicyResponse;
  createdAt!: string;
}
