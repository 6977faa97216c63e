// The real US lists of shared/data/real-lists (public domain snapshots, see its README), read
// through the same adapters as an upload, for the matching evaluation.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ListKind, ReferenceList, ReferenceListEntry } from '@ajar/appraisal';
import { readBisDeniedPersons } from '../domain/bis-denied-persons';
import type { NumberedRow } from '../domain/list-entry-parsing';
import { readOfacPublication } from '../domain/ofac-publication';
import { readUsConsolidatedScreeningList } from '../domain/us-consolidated-screening-list';

export const REAL_LISTS_FOLDER = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'data', 'real-lists');

async function entriesOf(rows: AsyncIterable<NumberedRow>): Promise<ReferenceListEntry[]> {
  const entries: ReferenceListEntry[] = [];
  for await (const { line, row } of rows) {
    if ('problem' in row) throw new Error(`line ${line}: ${row.problem}`);
    if ('entry' in row) entries.push(row.entry);
  }
  return entries;
}

function file(name: string) {
  return createReadStream(join(REAL_LISTS_FOLDER, name));
}

/** The four lists as Ajar stores them: OFAC SDN and consolidated (sanctions), BIS DPL and the CSL subset (export control). */
export async function loadRealLists(): Promise<ReferenceList[]> {
  if (!realListsPresent()) throw new Error(`The real lists are not at ${REAL_LISTS_FOLDER}: keep shared/ beside the repository (as CI lays it out).`);
  const list = (listId: string, kind: ListKind, entries: ReferenceListEntry[]): ReferenceList => ({ listId, version: 1, kind, entries });
  return [
    list('ofac-sdn', 'sanctions', await entriesOf(readOfacPublication({ set: 'sdn', primary: file('sdn.csv'), alt: file('alt.csv'), add: file('add.csv'), comments: file('sdn_comments.csv') }))),
    list('ofac-cons', 'sanctions', await entriesOf(readOfacPublication({ set: 'cons', primary: file('cons_prim.csv'), alt: file('cons_alt.csv'), add: file('cons_add.csv'), comments: file('cons_comments.csv') }))),
    list('bis-dpl', 'export_control', await entriesOf(readBisDeniedPersons(file('dpl.txt')))),
    list('us-csl', 'export_control', await entriesOf(readUsConsolidatedScreeningList(file('csl.csv')))),
  ];
}

export function realListsPresent(): boolean {
  return existsSync(join(REAL_LISTS_FOLDER, 'sdn.csv'));
}

/** One alternate name of OFAC's alt files as published: its entry, type (aka, fka, nka) and name. */
export interface OfacAlternateName {
  readonly entryId: string;
  readonly type: string;
  readonly name: string;
}

/** The alt.csv / cons_alt.csv rows (legacy CSV: ent_num, alt_num, alt_type, alt_name, alt_remarks; `-0-` empty). */
export function ofacAlternateNames(): OfacAlternateName[] {
  const names: OfacAlternateName[] = [];
  for (const [fileName, set] of [['alt.csv', 'sdn'], ['cons_alt.csv', 'cons']] as const) {
    const records: string[][] = parse(readFileSync(join(REAL_LISTS_FOLDER, fileName), 'utf8'), { relax_column_count: true, relax_quotes: true, trim: true });
    for (const fields of records) {
      if (fields.length < 4 || !/^\d+$/.test(fields[0])) continue;
      const name = fields[3] === '-0-' ? '' : fields[3];
      if (name !== '') names.push({ entryId: `ofac-${set}-${fields[0]}`, type: fields[2].toLowerCase(), name });
    }
  }
  return names;
}

export function evaluationData<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, 'data', name), 'utf8')) as T;
}
