import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Length } from 'class-validator';
import { FieldProblem, ProblemException } from '@ajar/http';
import type { ListKind } from '../../../application/commands/define-reference-list/define-reference-list.command';

export const LIST_KINDS = ['sanctions', 'export_control', 'research_security', 'watchlist'] as const;

/** The severities a topic may be given (RULES L-006). */
export const TOPIC_SEVERITIES = ['S0', 'S1', 'S2', 'S3', 'S4'] as const;
export const MAX_TOPICS = 100;
export const MAX_TOPIC_LENGTH = 100;

export class DefineReferenceListRequest {
  @IsIn(LIST_KINDS)
  kind!: ListKind;

  /**
   * FollowTheMoney topic → severity S0…S4 (RULES L-006), e.g. `{ "sanction": "S4", "poi": "S1" }`.
   * At most 100 topics, each 1–100 characters.
   */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...TOPIC_SEVERITIES] },
    maxProperties: MAX_TOPICS,
    example: { sanction: 'S4', poi: 'S1' },
  })
  @IsOptional()
  @IsObject()
  topicSeverity?: Record<string, string>;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;
}

/**
 * Refuses (400, naming `topicSeverity.<topic>`) a severity that is not S0…S4, a topic name that is
 * empty or longer than 100 characters, and more than 100 topics. Run after the ValidationPipe,
 * which cannot name a key of a free-form map.
 */
export function checkTopicSeverity(topicSeverity: Record<string, unknown> | undefined): Record<string, string> {
  if (topicSeverity === undefined) return {};
  const problems: FieldProblem[] = [];
  const topics = Object.keys(topicSeverity);
  if (topics.length > MAX_TOPICS) problems.push({ field: 'topicSeverity', reason: `must have at most ${MAX_TOPICS} topics (has ${topics.length})` });
  for (const topic of topics.slice(0, MAX_TOPICS + 1)) {
    const field = `topicSeverity.${topic.length > MAX_TOPIC_LENGTH ? `${topic.slice(0, MAX_TOPIC_LENGTH)}…` : topic}`;
    if (topic.length === 0 || topic.length > MAX_TOPIC_LENGTH) problems.push({ field, reason: `a topic must be 1 to ${MAX_TOPIC_LENGTH} characters` });
    const severity = topicSeverity[topic];
    if (typeof severity !== 'string' || !(TOPIC_SEVERITIES as readonly string[]).includes(severity)) {
      problems.push({ field, reason: `must be one of ${TOPIC_SEVERITIES.join(', ')}` });
    }
  }
  if (problems.length > 0) {
    throw new ProblemException(
      400,
      'REQUEST.VALIDATION_FAILED',
      'The request is not valid',
      problems.length === 1 ? `${problems[0].field}: ${problems[0].reason}` : `${problems.length} fields are not valid; see errors.`,
      problems,
    );
  }
  return topicSeverity as Record<string, string>;
}
