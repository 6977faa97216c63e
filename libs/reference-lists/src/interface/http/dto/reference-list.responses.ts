import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApiPropertyOptions } from '@nestjs/swagger';
import type { ListKind, ReferenceListDefinition } from '../../../application/commands/define-reference-list/define-reference-list.command';
import type { PublishedListVersion } from '../../../application/commands/publish-list-version/publish-list-version.command';
import type { ReferenceListDetail, ReferenceListSummary } from '../../../application/queries/reference-list.queries';
import { LIST_KINDS, TOPIC_SEVERITIES } from './define-reference-list.request';

// Response classes: the views are interfaces (erased at run time), so these classes give the
// OpenAPI document their shape. `implements` keeps each class in step with its view.

const TOPIC_SEVERITY: ApiPropertyOptions = { type: 'object', additionalProperties: { type: 'string', enum: [...TOPIC_SEVERITIES] } };

export class ReferenceListDefinitionResponse implements ReferenceListDefinition {
  listId!: string;
  @ApiProperty({ enum: LIST_KINDS, enumName: 'ListKind' })
  kind!: ListKind;
  /** Topic → severity S0–S4 (RULES L-006). */
  @ApiProperty(TOPIC_SEVERITY)
  topicSeverity!: Record<string, string>;
  description!: string | null;
  /** 0 until a first version is uploaded. */
  currentVersion!: number;
}

export class ListDiffResponse {
  added!: number;
  removed!: number;
  changed!: number;
}

export class PublishedListVersionResponse implements PublishedListVersion {
  listId!: string;
  version!: number;
  entryCount!: number;
  /** Rows left out by kind, where a format counts them (OFAC vessels and aircraft). */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' } })
  skipped?: Record<string, number>;
  /** Against the previous version. */
  diff!: ListDiffResponse;
  createdAt!: string;
}

export class ReferenceListSummaryResponse implements ReferenceListSummary {
  listId!: string;
  @ApiProperty({ enum: LIST_KINDS, enumName: 'ListKind' })
  kind!: string;
  description!: string | null;
  @ApiProperty(TOPIC_SEVERITY)
  topicSeverity!: Record<string, string>;
  currentVersion!: number;
  entryCount!: number;
}

export class ReferenceListListResponse {
  items!: ReferenceListSummaryResponse[];
}

export class ListMonitoringResponse {
  /** Cases to screen again against this version. */
  casesToScreen!: number;
  casesScreened!: number;
  /** New or changed hits on approved cases. */
  alerts!: number;
}

export class ListVersionResponse {
  version!: number;
  entryCount!: number;
  diff!: ListDiffResponse;
  monitoring!: ListMonitoringResponse;
  createdAt!: string;
}

export class ReferenceListDetailResponse extends ReferenceListSummaryResponse implements ReferenceListDetail {
  versions!: ListVersionResponse[];
}
