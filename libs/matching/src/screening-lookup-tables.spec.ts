import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// List data and queries reach every table of the screening path. A plain object keyed by such
// text answers "constructor" or "__proto__" with Object.prototype's members (an SDN entry named
// "GRUPO CONSTRUCTOR …" once stopped a tenant's screening), so tables there are Maps or Sets.
const SCREENING_LIBRARIES = ['libs/matching/src', 'libs/appraisal/src', 'libs/reference-lists/src'];
const ROOT = join(__dirname, '../../..');
// A constant table typed as a string-keyed record (`const X: Record<string, …> = {` or Readonly<…>).
const STRING_KEYED_TABLE = /const\s+[A-Z][A-Z0-9_]*\s*:\s*(?:Readonly<\s*)?(?:Partial<\s*)?Record<\s*string\s*,[^=]*=\s*\{/g;

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('tables of the screening path are never plain objects keyed by outside text', () => {
  it('has no string-keyed constant record in matching, appraisal or reference-lists', () => {
    const offenders = SCREENING_LIBRARIES.flatMap((library) =>
      sources(join(ROOT, library)).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(STRING_KEYED_TABLE)].map((match) => `${relative(ROOT, file)}: ${match[0]}`)),
    );
    expect(offenders).toEqual([]);
  });

  it('would notice such a table', () => {
    expect('const WORDS: Readonly<Record<string, string>> = {'.match(STRING_KEYED_TABLE)).not.toBeNull();
    expect('export const TOPICS: Record<string, number> = {'.match(STRING_KEYED_TABLE)).not.toBeNull();
  });
});
