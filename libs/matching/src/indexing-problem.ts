import type { ReferenceListEntry } from '@ajar/appraisal';
import { entryNames } from './name-index';
import { analyseName } from './normalise-organisation-name';

/**
 * Why an entry cannot be indexed, or undefined when it can: every name is analysed as the index
 * analyses it. The upload runs it on every row, so a version that would break screening is refused
 * with the row's line number instead of reaching the workers.
 */
export function indexingProblem(entry: ReferenceListEntry): string | undefined {
  const kind = entry.schema === 'person' ? 'person' : 'organisation';
  for (const { display } of entryNames(entry)) {
    try {
      analyseName(display, kind);
    } catch (error) {
      return `name "${display.slice(0, 80)}" cannot be indexed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return undefined;
}
