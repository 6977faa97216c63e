import type { EntrySchema, ReferenceListEntry } from '@ajar/appraisal';
import { countryCodes } from './country-codes';

/** One refused row of an upload: its file (when the upload holds several), line number and why. */
export interface RowProblem {
  file?: string;
  line: number;
  reason: string;
}

/**
 * A row that is not refused but holds no entry. `kind` says what was left out when the reader wants
 * it counted in the response (OFAC vessels and aircraft); blank lines and FtM helper schemas have none.
 */
export type SkippedRow = { skip: true; kind?: string };

export type ParsedRow = { entry: ReferenceListEntry } | { problem: string } | SkippedRow;

/** A parsed row with where it came from, as the publish handler consumes them. */
export interface NumberedRow {
  line: number;
  /** The file of a multi-file upload (OFAC: `sdn.csv`, `alt.csv`, …), for problems that say where. */
  file?: string;
  row: ParsedRow;
}

/** Where a problem was found, as the response names it: `line 12` or `alt.csv line 12`. */
export function problemPlace(problem: Pick<RowProblem, 'file' | 'line'>): string {
  return problem.file === undefined ? `line ${problem.line}` : `${problem.file} line ${problem.line}`;
}

/** FtM schemas read as organisations; `LegalEntity` is not one of them: it may be a person. */
const ORGANISATION_SCHEMAS = new Set(['Organization', 'Company', 'PublicBody']);
/** FtM schemas an entry is made of; entities of every other schema are skipped. */
export const ENTRY_SCHEMAS = new Set([...ORGANISATION_SCHEMAS, 'LegalEntity', 'Person']);
/**
 * Longest name kept. The real lists' longest names are about 150 characters (OFAC alternate names)
 * and OpenSanctions holds some far longer official names; past this it is no name but a mistake.
 */
export const MAX_NAME = 1000;

function entrySchema(schema: string | undefined): EntrySchema | undefined {
  if (schema === 'Person') return 'person';
  if (schema === 'LegalEntity') return 'legalEntity';
  return schema !== undefined && ORGANISATION_SCHEMAS.has(schema) ? 'organisation' : undefined;
}

/** Names kept once each (exact text), in order, without the ones already taken by `taken`. */
function distinctNames(names: readonly string[], taken: Set<string>): string[] {
  const kept: string[] = [];
  for (const name of names) {
    if (taken.has(name)) continue;
    taken.add(name);
    kept.push(name);
  }
  return kept;
}

/** The parts every list format is read into, before they become an engine entry. */
export interface ListEntryParts {
  id: string | undefined;
  /** A FollowTheMoney schema name: Organization, Company, PublicBody, LegalEntity or Person. */
  schema: string | undefined;
  /** The first is the entry's name; the others are aliases. */
  names: string[];
  aliases: string[];
  weakAliases: string[];
  formerNames?: string[];
  /** Country codes or names; unknown ones are dropped. Never a person's nationality. */
  countries: string[];
  registration: string[];
  lei: string[];
  ror: string[];
  topics: string[];
  lastChange?: string;
}

/** NUL (PostgreSQL stores it in neither text nor jsonb) and unpaired UTF-16 surrogates (jsonb refuses them). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorable(parts: ListEntryParts): boolean {
  const scalars = [parts.id, parts.schema, parts.lastChange];
  const lists = [parts.names, parts.aliases, parts.weakAliases, parts.formerNames ?? [], parts.countries, parts.registration, parts.lei, parts.ror, parts.topics];
  return scalars.some((value) => value !== undefined && UNSTORABLE.test(value)) || lists.some((list) => list.some((value) => UNSTORABLE.test(value)));
}

/** Builds an engine entry from the parts every format shares; says what is wrong otherwise. */
export function listEntry(parts: ListEntryParts): ParsedRow {
  if (unstorable(parts)) return { problem: 'a value holds U+0000 or an unpaired UTF-16 surrogate, which cannot be stored' };
  if (!parts.id) return { problem: 'id is missing' };
  if (parts.id.length > 200) return { problem: 'id is longer than 200 characters' };
  const schema = entrySchema(parts.schema);
  if (!schema) return { problem: `schema "${parts.schema ?? ''}" is not one of Organization, Company, PublicBody, LegalEntity, Person` };
  const [name, ...otherNames] = parts.names;
  if (!name) return { problem: 'name is missing' };
  const formerInput = parts.formerNames ?? [];
  if ([name, ...otherNames, ...parts.aliases, ...parts.weakAliases, ...formerInput].some((value) => value.length > MAX_NAME)) {
    return { problem: `a name is longer than ${MAX_NAME} characters` };
  }
  const identifiers = {
    ...(parts.registration[0] ? { registration: parts.registration[0] } : {}),
    ...(parts.lei[0] ? { lei: parts.lei[0] } : {}),
    ...(parts.ror[0] ? { ror: parts.ror[0] } : {}),
  };
  // A name said twice (an alias equal to the name, a natural-order alias OFAC also lists) is kept once, in its strongest role.
  const taken = new Set([name]);
  const aliases = distinctNames([...otherNames, ...parts.aliases], taken);
  const formerNames = distinctNames(formerInput, taken);
  const weakAliases = distinctNames(parts.weakAliases, taken);
  const countries = countryCodes(parts.countries);
  const topics = [...new Set(parts.topics)];
  return {
    entry: {
      entryId: parts.id,
      schema,
      name,
      ...(aliases.length > 0 ? { aliases } : {}),
      ...(weakAliases.length > 0 ? { weakAliases } : {}),
      ...(formerNames.length > 0 ? { formerNames } : {}),
      ...(countries.length > 0 ? { countries, country: countries[0] } : {}),
      ...(Object.keys(identifiers).length > 0 ? { identifiers } : {}),
      ...(topics.length > 0 ? { topics } : {}),
      ...(parts.lastChange ? { lastChange: parts.lastChange } : {}),
    },
  };
}

function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter((item) => item.length > 0);
}

/** An own property of a parsed JSON object (never one of its prototype's). */
function own(object: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/**
 * One FollowTheMoney entity (a JSON line, as OpenSanctions publishes them). Entities of other
 * schemas (Ownership, Sanction, Address, …) are skipped, not refused: a full export holds them.
 * Countries come from `country`, `jurisdiction` and `mainCountry`; a person's `nationality`,
 * `citizenship` and `birthCountry` are never read (Ajar does not match on nationality).
 */
export function parseFollowTheMoneyLine(line: string): ParsedRow {
  if (line.trim() === '') return { skip: true };
  let entity: unknown;
  try {
    entity = JSON.parse(line);
  } catch {
    return { problem: 'not valid JSON' };
  }
  if (typeof entity !== 'object' || entity === null || Array.isArray(entity)) return { problem: 'not a JSON object' };
  const id = own(entity, 'id');
  const schema = own(entity, 'schema');
  const properties = own(entity, 'properties');
  const lastChange = own(entity, 'last_change');
  if (typeof schema === 'string' && !ENTRY_SCHEMAS.has(schema)) return { skip: true };
  const props: object = typeof properties === 'object' && properties !== null ? properties : {};
  return listEntry({
    id: typeof id === 'string' ? id : undefined,
    schema: typeof schema === 'string' ? schema : undefined,
    names: strings(own(props, 'name')),
    aliases: strings(own(props, 'alias')),
    weakAliases: strings(own(props, 'weakAlias')),
    formerNames: strings(own(props, 'previousName')),
    countries: [...strings(own(props, 'country')), ...strings(own(props, 'jurisdiction')), ...strings(own(props, 'mainCountry'))],
    registration: strings(own(props, 'registrationNumber')),
    lei: strings(own(props, 'leiCode')),
    ror: strings(own(props, 'rorId')),
    topics: strings(own(props, 'topics')),
    lastChange: typeof lastChange === 'string' ? lastChange : undefined,
  });
}

/**
 * The CSV columns (header row required):
 * `id,schema,name,aliases,weak_aliases,former_names,country,registration_number,lei,ror,topics,last_change`.
 */
export const CSV_COLUMNS = ['id', 'schema', 'name', 'aliases', 'weak_aliases', 'former_names', 'country', 'registration_number', 'lei', 'ror', 'topics', 'last_change'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/** One CSV record; multi-valued cells (aliases, countries, topics, …) are separated by `;`. */
export function parseCsvRecord(record: ReadonlyMap<string, string>): ParsedRow {
  const cell = (column: CsvColumn): string | undefined => record.get(column);
  const many = (column: CsvColumn): string[] =>
    (cell(column) ?? '')
      .split(';')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  return listEntry({
    id: cell('id')?.trim() || undefined,
    schema: cell('schema')?.trim() || undefined,
    names: many('name'),
    aliases: many('aliases'),
    weakAliases: many('weak_aliases'),
    formerNames: many('former_names'),
    countries: many('country'),
    registration: many('registration_number'),
    lei: many('lei'),
    ror: many('ror'),
    topics: many('topics'),
    lastChange: cell('last_change')?.trim() || undefined,
  });
}
