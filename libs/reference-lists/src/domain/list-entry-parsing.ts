import type { ReferenceListEntry } from '@ajar/appraisal';

/** One refused row of an upload: its line number and why. */
export interface RowProblem {
  line: number;
  reason: string;
}

export type ParsedRow = { entry: ReferenceListEntry } | { problem: string } | { skip: true };

const ORGANISATION_SCHEMAS = new Set(['Organization', 'Company', 'LegalEntity', 'PublicBody']);
const MAX_NAME = 500;

function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter((item) => item.length > 0);
}

function countryOf(values: string[]): string | undefined {
  const code = values.find((value) => /^[a-z]{2}$/i.test(value));
  return code?.toUpperCase();
}

/** Builds an engine entry from the parts both formats share; says what is wrong otherwise. */
export function listEntry(parts: {
  id: string | undefined;
  schema: string | undefined;
  names: string[];
  aliases: string[];
  weakAliases: string[];
  countries: string[];
  registration: string[];
  lei: string[];
  ror: string[];
  topics: string[];
  lastChange?: string;
}): ParsedRow {
  if (!parts.id) return { problem: 'id is missing' };
  if (parts.id.length > 200) return { problem: 'id is longer than 200 characters' };
  const schema = parts.schema === 'Person' ? 'person' : parts.schema && ORGANISATION_SCHEMAS.has(parts.schema) ? 'organisation' : undefined;
  if (!schema) return { problem: `schema "${parts.schema ?? ''}" is not one of Organization, Company, LegalEntity, PublicBody, Person` };
  const [name, ...otherNames] = parts.names;
  if (!name) return { problem: 'name is missing' };
  if ([name, ...otherNames, ...parts.aliases].some((value) => value.length > MAX_NAME)) return { problem: `a name is longer than ${MAX_NAME} characters` };
  const identifiers = {
    ...(parts.registration[0] ? { registration: parts.registration[0] } : {}),
    ...(parts.lei[0] ? { lei: parts.lei[0] } : {}),
    ...(parts.ror[0] ? { ror: parts.ror[0] } : {}),
  };
  const country = countryOf(parts.countries);
  const aliases = [...otherNames, ...parts.aliases];
  return {
    entry: {
      entryId: parts.id,
      schema,
      name,
      ...(aliases.length > 0 ? { aliases } : {}),
      ...(parts.weakAliases.length > 0 ? { weakAliases: parts.weakAliases } : {}),
      ...(country ? { country } : {}),
      ...(Object.keys(identifiers).length > 0 ? { identifiers } : {}),
      ...(parts.topics.length > 0 ? { topics: parts.topics } : {}),
      ...(parts.lastChange ? { lastChange: parts.lastChange } : {}),
    },
  };
}

/**
 * One FollowTheMoney entity (a JSON line, as OpenSanctions publishes them). Entities of other
 * schemas (Ownership, Sanction, Address, …) are skipped, not refused: a full export holds them.
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
  const { id, schema, properties, last_change: lastChange } = entity as { id?: unknown; schema?: unknown; properties?: unknown; last_change?: unknown };
  if (typeof schema === 'string' && schema !== 'Person' && !ORGANISATION_SCHEMAS.has(schema)) return { skip: true };
  const props = (typeof properties === 'object' && properties !== null ? properties : {}) as Record<string, unknown>;
  return listEntry({
    id: typeof id === 'string' ? id : undefined,
    schema: typeof schema === 'string' ? schema : undefined,
    names: strings(props.name),
    aliases: strings(props.alias),
    weakAliases: strings(props.weakAlias),
    countries: [...strings(props.country), ...strings(props.jurisdiction)],
    registration: strings(props.registrationNumber),
    lei: strings(props.leiCode),
    ror: strings(props.rorId),
    topics: strings(props.topics),
    lastChange: typeof lastChange === 'string' ? lastChange : undefined,
  });
}

/** The CSV columns (header row required): `id,schema,name,aliases,weak_aliases,country,registration_number,lei,ror,topics,last_change`. */
export const CSV_COLUMNS = ['id', 'schema', 'name', 'aliases', 'weak_aliases', 'country', 'registration_number', 'lei', 'ror', 'topics', 'last_change'] as const;

/** One CSV record; multi-valued cells (aliases, topics, …) are separated by `;`. */
export function parseCsvRecord(record: Record<string, string | undefined>): ParsedRow {
  const many = (value: string | undefined): string[] => (value ?? '').split(';').map((item) => item.trim()).filter((item) => item.length > 0);
  return listEntry({
    id: record.id?.trim() || undefined,
    schema: record.schema?.trim() || undefined,
    names: many(record.name),
    aliases: many(record.aliases),
    weakAliases: many(record.weak_aliases),
    countries: many(record.country),
    registration: many(record.registration_number),
    lei: many(record.lei),
    ror: many(record.ror),
    topics: many(record.topics),
    lastChange: record.last_change?.trim() || undefined,
  });
}
