import type { Readable } from 'node:stream';
import { csvRecords } from './csv-records';
import { type ListEntryParts, listEntry, type NumberedRow, type ParsedRow } from './list-entry-parsing';
import { naturalOrder } from './listed-names';

/** OFAC publishes two sets in the same legacy CSV layout: the SDN list and the consolidated non-SDN lists. */
export type OfacSet = 'sdn' | 'cons';
export type OfacFileRole = 'primary' | 'alt' | 'add' | 'comments';

/** The file names of each set, as OFAC publishes them (lower case; uploads are matched case-insensitively). */
export const OFAC_FILE_NAMES: Readonly<Record<OfacSet, Readonly<Record<OfacFileRole, string>>>> = {
  sdn: { primary: 'sdn.csv', alt: 'alt.csv', add: 'add.csv', comments: 'sdn_comments.csv' },
  cons: { primary: 'cons_prim.csv', alt: 'cons_alt.csv', add: 'cons_add.csv', comments: 'cons_comments.csv' },
};

/** One OFAC publication: the primary file is required, the others optional. */
export interface OfacPublicationFiles {
  set: OfacSet;
  primary: Readable;
  alt?: Readable;
  add?: Readable;
  comments?: Readable;
}

/** Columns of each file (the legacy CSV has no header row). */
const COLUMNS: Readonly<Record<OfacFileRole, number>> = { primary: 12, alt: 5, add: 6, comments: 2 };
const PRIMARY = { entNum: 0, name: 1, type: 2, program: 3, remarks: 11 } as const;

/** OFAC writes `-0- ` for an empty field. */
function cell(value: string | undefined): string | undefined {
  const trimmed = (value ?? '').trim();
  return trimmed === '' || trimmed === '-0-' ? undefined : trimmed;
}

const DOS_END_OF_FILE = String.fromCharCode(0x1a);

type OfacRecord = { line: number; fields: string[] } | { line: number; problem: string };

/**
 * The records of one legacy CSV file, each with its line number; a record that breaks the CSV rules
 * or has the wrong number of fields becomes a problem. The consolidated files end with a DOS
 * end-of-file byte (0x1A) on a line of its own: that is no record.
 */
async function* ofacRecords(body: Readable, role: OfacFileRole): AsyncIterable<OfacRecord> {
  const parser = csvRecords(body, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  let line = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      line = info.lines;
      if (record.length === 1 && record[0].split(DOS_END_OF_FILE).join('').trim() === '') continue;
      if (record.length !== COLUMNS[role]) {
        yield { line, problem: `${record.length} fields where OFAC's legacy format has ${COLUMNS[role]}` };
        continue;
      }
      if (!/^\d+$/.test(record[0].trim())) {
        yield { line, problem: `ent_num "${record[0].trim().slice(0, 40)}" is not a number` };
        continue;
      }
      yield { line, fields: record };
    }
  } catch (error) {
    const at = (error as { lines?: number }).lines ?? line;
    yield { line: at, problem: `CSV cannot be read: ${(error as Error).message}` };
  }
}

interface AlternateName {
  type: 'aka' | 'fka' | 'nka';
  name: string;
  weak: boolean;
}

/** What the side files say about each ent_num; they are small beside the primary file. */
interface SideFacts {
  alternateNames: Map<string, AlternateName[]>;
  countries: Map<string, string[]>;
  remarksContinued: Map<string, string>;
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** alt_remarks that mark a low-quality name; none in the snapshots, but OFAC's format allows them. */
const WEAK_ALTERNATE = /\b(weak|low[- ]quality)\b/i;

/**
 * The entries of one OFAC publication in the legacy CSV format. The side files (alternate names,
 * addresses, comments) are read first into per-ent_num maps, then the primary file is streamed and
 * each record finished from them. Vessels and aircraft are skipped (counted by kind). Problems carry
 * their file name and line; the publish handler refuses the version on any.
 */
export async function* readOfacPublication(files: OfacPublicationFiles): AsyncIterable<NumberedRow> {
  const names = OFAC_FILE_NAMES[files.set];
  const side: SideFacts = { alternateNames: new Map(), countries: new Map(), remarksContinued: new Map() };
  if (files.comments !== undefined) {
    for await (const record of ofacRecords(files.comments, 'comments')) {
      if ('problem' in record) {
        yield { file: names.comments, line: record.line, row: { problem: record.problem } };
        continue;
      }
      const entNum = record.fields[0].trim();
      // The comment continues the Remarks text where it was cut, mid-word: joined as is.
      side.remarksContinued.set(entNum, (side.remarksContinued.get(entNum) ?? '') + record.fields[1]);
    }
  }
  if (files.alt !== undefined) {
    for await (const record of ofacRecords(files.alt, 'alt')) {
      if ('problem' in record) {
        yield { file: names.alt, line: record.line, row: { problem: record.problem } };
        continue;
      }
      const [entNum, , rawType, rawName, rawRemarks] = record.fields;
      const type = cell(rawType)?.toLowerCase();
      const name = cell(rawName);
      if (type !== 'aka' && type !== 'fka' && type !== 'nka') {
        yield { file: names.alt, line: record.line, row: { problem: `alt_type "${(type ?? '').slice(0, 40)}" is not aka, fka or nka` } };
        continue;
      }
      if (name === undefined) {
        yield { file: names.alt, line: record.line, row: { problem: 'alt_name is missing' } };
        continue;
      }
      append(side.alternateNames, entNum.trim(), { type, name, weak: WEAK_ALTERNATE.test(cell(rawRemarks) ?? '') });
    }
  }
  if (files.add !== undefined) {
    for await (const record of ofacRecords(files.add, 'add')) {
      if ('problem' in record) {
        yield { file: names.add, line: record.line, row: { problem: record.problem } };
        continue;
      }
      const country = cell(record.fields[4]);
      if (country !== undefined) append(side.countries, record.fields[0].trim(), country);
    }
  }
  for await (const record of ofacRecords(files.primary, 'primary')) {
    yield 'problem' in record
      ? { file: names.primary, line: record.line, row: { problem: record.problem } }
      : { file: names.primary, line: record.line, row: ofacEntry(files.set, record.fields, side) };
  }
}

/**
 * The program codes of the Program field. OFAC writes `[SDGT] [IRAN]` with the outer brackets
 * dropped in the CSV (`SDGT] [IRAN`).
 */
export function ofacPrograms(program: string | undefined): string[] {
  if (program === undefined) return [];
  return program
    .replace(/^\s*\[/, '')
    .replace(/\]\s*$/, '')
    .split(/\]\s*\[/)
    .map((code) => code.trim())
    .filter((code) => code.length > 0);
}

function ofacEntry(set: OfacSet, fields: string[], side: SideFacts): ParsedRow {
  const entNum = fields[PRIMARY.entNum].trim();
  const type = cell(fields[PRIMARY.type])?.toLowerCase();
  if (type === 'vessel' || type === 'aircraft') return { skip: true, kind: type };
  if (type !== undefined && type !== 'individual') return { problem: `SDN_Type "${type.slice(0, 40)}" is not individual, vessel, aircraft or empty` };
  const person = type === 'individual';
  const name = cell(fields[PRIMARY.name]);
  if (name === undefined) return { problem: 'SDN_Name is missing' };
  // A person listed "LASTNAME, Firstname" is also found in the order people write names in.
  const withNaturalOrder = (listed: string): string[] => {
    const natural = person ? naturalOrder(listed) : undefined;
    return natural === undefined ? [listed] : [listed, natural];
  };
  const remarksText = (cell(fields[PRIMARY.remarks]) ?? '') + (side.remarksContinued.get(entNum) ?? '');
  const remarks = readOfacRemarks(remarksText, !person);
  const alternates = side.alternateNames.get(entNum) ?? [];
  const parts: ListEntryParts = {
    id: `ofac-${set}-${entNum}`,
    schema: person ? 'Person' : 'Organization',
    names: withNaturalOrder(name),
    aliases: [...alternates.filter((alt) => alt.type !== 'fka' && !alt.weak).flatMap((alt) => withNaturalOrder(alt.name)), ...remarks.aliases],
    weakAliases: [...alternates.filter((alt) => alt.type !== 'fka' && alt.weak).map((alt) => alt.name), ...remarks.weakAliases],
    formerNames: [...alternates.filter((alt) => alt.type === 'fka').flatMap((alt) => withNaturalOrder(alt.name)), ...remarks.formerNames],
    countries: [...(side.countries.get(entNum) ?? []), ...remarks.countries],
    registration: remarks.registration,
    lei: remarks.lei,
    ror: [],
    topics: ['sanction', ...ofacPrograms(cell(fields[PRIMARY.program])).map((code) => `ofac.program.${code}`)],
  };
  return listEntry(parts);
}

/** What the Remarks field holds that Ajar matches on; the rest (DOB, POB, nationality, websites, …) is not kept. */
export interface OfacRemarks {
  aliases: string[];
  weakAliases: string[];
  formerNames: string[];
  registration: string[];
  lei: string[];
  /** Countries named after an organisation's registration ids (`Registration ID 123 (Russia)`). */
  countries: string[];
}

/** Remark items that give an organisation's registration number, longest first so "UK Company Number" wins over "Company Number". */
export const REGISTRATION_LABELS = [
  'Unified Social Credit Code (USCC)',
  'Certificate of Incorporation Number',
  'Business Registration Number',
  'Commercial Registry Number',
  'Chamber of Commerce Number',
  'Public Registration Number',
  'Registration Number',
  'UK Company Number',
  'Enterprise Number',
  'Registration ID',
  'Company Number',
  'Business Number',
  'Tax ID No.',
  'NIT #',
  'RUC #',
];
const REGISTRATION = new RegExp(`^(?:${REGISTRATION_LABELS.map((label) => label.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&')).join('|')})\\s+(.+?)(?:\\s+\\(([^()]+)\\))?\\.?$`);
const LEI = /^Legal Entity Number\s+([A-Z0-9]{20})\b/;
const NAME_REMARK = /^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.|formerly a\.k\.a\.|formerly known as)\s*,?\s*(.+)$/i;

/**
 * A name quoted in a remark: `'BNC'.` gives `BNC`. Names hold apostrophes themselves
 * (`'ABU 'ABDALLAH'`, `''FOOPIE''`), so only one quote is taken off each end.
 */
function quotedName(text: string): string | undefined {
  let name = text.trim();
  if (name.endsWith("'.")) name = name.slice(0, -1);
  else if (!name.startsWith("'") && name.endsWith('.')) name = name.slice(0, -1);
  if (name.startsWith("'")) name = name.slice(1);
  if (name.endsWith("'")) name = name.slice(0, -1);
  name = name.trim();
  return name === '' ? undefined : name;
}

/**
 * Reads the Remarks field (with its sdn_comments continuation): `a.k.a. 'X'` are OFAC's weak
 * (low-quality) aliases, `f.k.a. 'X'` former names, `n.k.a.` a current alias; for organisations
 * the registration ids and their countries, and a Legal Entity Number as LEI. A person's
 * nationality, citizenship, birth date and place are never read.
 */
export function readOfacRemarks(remarks: string, organisation: boolean): OfacRemarks {
  const found: OfacRemarks = { aliases: [], weakAliases: [], formerNames: [], registration: [], lei: [], countries: [] };
  for (const rawItem of remarks.split(';')) {
    const item = rawItem.trim().replace(/^alt\.\s+/i, '');
    const named = NAME_REMARK.exec(item);
    if (named !== null) {
      const name = quotedName(named[2]);
      if (name === undefined) continue;
      const label = named[1].toLowerCase();
      if (label === 'a.k.a.') found.weakAliases.push(name);
      else if (label === 'n.k.a.') found.aliases.push(name);
      else found.formerNames.push(name);
      continue;
    }
    if (!organisation) continue;
    const lei = LEI.exec(item);
    if (lei !== null) {
      found.lei.push(lei[1]);
      continue;
    }
    const registration = REGISTRATION.exec(item);
    if (registration !== null) {
      found.registration.push(registration[1].trim());
      if (registration[2] !== undefined) found.countries.push(registration[2].trim());
    }
  }
  return found;
}
