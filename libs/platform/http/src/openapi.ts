import { applyDecorators, INestApplication } from '@nestjs/common';
import { ApiExtension, ApiResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** The extension that carries a route's access rule from `Roles`/`Public`/`BootstrapTokenOnly` to the document. */
export const ACCESS_EXTENSION = 'x-ajar-access';
export const API_KEY_SCHEME = 'apiKey';
export const BOOTSTRAP_SCHEME = 'bootstrapToken';
const PROBLEM_REF = '#/components/schemas/Problem';

/**
 * Error statuses an operation answers with, each with the problem `code` values it can carry.
 * A code may be followed by `: why`, kept in the response description.
 *
 * `@ApiProblems({ 404: ['CASE.NOT_FOUND'], 409: ['CASE.ILLEGAL_TRANSITION: the case is final'] })`
 *
 * Problems every route shares (authentication, validation, Idempotency-Key, If-Match) are added by
 * `buildOpenApiDocument` from what the operation has, so they are not repeated here.
 */
export function ApiProblems(problems: Readonly<Record<number, readonly string[]>>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(problems).map(([status, codes]) => ApiResponse({ status: Number(status), ...problemResponse(codes as readonly string[]) })),
  );
}

/** `If-Match`, as every route that reads it with `@Headers('if-match')` is documented: optional, once. */
const IF_MATCH_PARAMETER = {
  name: 'If-Match',
  required: false,
  description: 'The ETag (case version) you read, e.g. `"7"`. When given and the case has changed since, the request is refused with 409 STREAM.VERSION_CONFLICT. Absent: no check.',
  schema: { type: 'string', pattern: '^\\s*(W/)?"?\\d{1,9}"?\\s*$', examples: ['"7"'] },
} as const;

const IDEMPOTENCY_PARAMETER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: a request with the same key and body within the retention period returns the first response (with `Idempotent-Replayed: true`); the same key with another body is refused (422).',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]{1,255}$', examples: ['0b9e2a52-6a0c-4c52-9a7e-2f0b9c1d7e11'] },
};

const REPLAYED_HEADER: HeaderObject = {
  description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.',
  schema: { type: 'string', enum: ['true'] },
};

/** Problem `code` values per status, their meaning after `: `. */
type ProblemCodes = Map<string, string | undefined>;

function problemResponse(entries: readonly string[]): ReturnType<typeof renderProblemResponse> {
  const codes: ProblemCodes = new Map();
  for (const entry of entries) {
    const at = entry.indexOf(':');
    codes.set(at < 0 ? entry : entry.slice(0, at).trim(), at < 0 ? undefined : entry.slice(at + 1).trim());
  }
  return renderProblemResponse(codes);
}

function renderProblemResponse(codes: ProblemCodes): { description: string; content: Record<string, { schema: SchemaObject | ReferenceObject }> } {
  const names = [...codes.keys()].sort();
  const description = names.map((code) => (codes.get(code) ? `\`${code}\`: ${codes.get(code)}` : `\`${code}\``)).join('; ');
  const schema: SchemaObject | ReferenceObject =
    names.length === 0 ? { $ref: PROBLEM_REF } : { allOf: [{ $ref: PROBLEM_REF }, { type: 'object', properties: { code: { type: 'string', enum: names } } }] };
  return {
    description: names.length === 0 ? 'Problem details (RFC 9457).' : `Problem details (RFC 9457). ${description}.`,
    content: { [PROBLEM_CONTENT_TYPE]: { schema } },
  };
}

/** Reads the codes back from a response built by `renderProblemResponse`, to add more. */
function codesOf(response: ResponseObject): ProblemCodes {
  const codes: ProblemCodes = new Map();
  const schema = response.content?.[PROBLEM_CONTENT_TYPE]?.schema as SchemaObject | undefined;
  const codeSchema = (schema?.allOf?.[1] as SchemaObject | undefined)?.properties?.code as SchemaObject | undefined;
  const explained = new Map<string, string>();
  for (const part of (response.description ?? '').replace(/^Problem details \(RFC 9457\)\. /, '').split('; ')) {
    const match = /^`([^`]+)`: (.*?)\.?$/.exec(part);
    if (match) explained.set(match[1], match[2]);
  }
  for (const code of (codeSchema?.enum ?? []) as string[]) codes.set(code, explained.get(code));
  return codes;
}

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details, the one error shape of the API (`application/problem+json`).',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', description: 'A URN naming the problem, derived from `code`.', examples: ['urn:ajar:problem:case-not-found'] },
    title: { type: 'string', examples: ['Not found'] },
    status: { type: 'integer', minimum: 400, maximum: 599, examples: [404] },
    detail: { type: 'string', examples: ['No such case in your tenant.'] },
    instance: { type: 'string', description: 'The request path.', examples: ['/v1/cases/0192d0a4-7d7c-7b8e-9f53-6f1f0c4e2a11'] },
    code: { type: 'string', description: 'Stable machine-readable reason; the values each operation can answer are listed on it.', examples: ['CASE.NOT_FOUND'] },
    correlationId: { type: 'string', description: 'Quote it when reporting a problem.' },
    errors: {
      type: 'array',
      description: 'The fields, query parameters or headers at fault.',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: {
          field: { type: 'string', description: 'Path of the field, e.g. `partners[0].name`, or a header or query name.' },
          reason: { type: 'string' },
        },
      },
    },
    details: { type: 'object', additionalProperties: true, description: 'Further facts some domain problems carry.' },
  },
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

type RouteAccessExtension = { kind: 'public' } | { kind: 'bootstrap' } | { kind: 'roles'; roles: readonly string[] };

/** Marks the route's access rule for the document; used by the route-access decorators. */
export function ApiRouteAccess(access: RouteAccessExtension): MethodDecorator & ClassDecorator {
  return ApiExtension(ACCESS_EXTENSION, access) as MethodDecorator & ClassDecorator;
}

/**
 * The OpenAPI 3.1 document of the app, as served at /docs-json: what Nest and the Swagger plugin
 * read from the controllers and DTOs, completed with what every route shares (security from the
 * route's access rule, Idempotency-Key on POST and PATCH, one optional If-Match, the common
 * problem answers), so that no controller has to repeat them.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Ajar API')
    .setDescription(
      'Research-security appraisal: case intake, disclosures, screening, review and decisions. ' +
        'Errors are RFC 9457 `application/problem+json` with a stable `code`. Every POST and PATCH accepts an `Idempotency-Key` header.',
    )
    .setVersion('1')
    .addServer('/', 'This deployment')
    // Opaque bearer tokens, not JWTs: addBearerAuth would claim `bearerFormat: JWT`.
    .addSecurity(API_KEY_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque API key (ajar_…)',
      description: 'An Ajar API key (`Authorization: Bearer ajar_…`), opaque: its tenant and roles are looked up on each request.',
    })
    .addSecurity(BOOTSTRAP_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque token',
      description: 'The platform bootstrap token (AJAR_BOOTSTRAP_TOKEN); only for POST /v1/tenants.',
    })
    .build();
  // package.json says UNLICENSED: proprietary, with no licence text to link to.
  config.info.license = { name: 'Proprietary (UNLICENSED)' };
  const document = SwaggerModule.createDocument(app, config, {
    // Fallback only: every operation sets an operationId that reads as a method name; a test checks.
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey}_${methodKey}`,
  });
  return completeDocument(document);
}

/** Adds what every operation shares. Exported for tests. */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = document.components ?? {};
  document.components.schemas = { ...(document.components.schemas ?? {}), Problem: PROBLEM_SCHEMA };
  const tags = new Set<string>();
  for (const pathItem of Object.values(document.paths) as PathItemObject[]) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      completeOperation(method, operation as ExtendedOperation);
      for (const tag of operation.tags ?? []) tags.add(tag);
    }
  }
  document.tags = [...tags].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name }));
  // Tags grouped by bounded context (Redocly and other renderers show the groups).
  const grouped = Object.entries(CONTEXT_TAGS).map(([name, contextTags]) => ({ name, tags: contextTags.filter((tag) => tags.has(tag)) }));
  const ungrouped = [...tags].filter((tag) => !Object.values(CONTEXT_TAGS).some((contextTags) => contextTags.includes(tag)));
  (document as OpenAPIObject & { 'x-tagGroups'?: unknown })['x-tagGroups'] = [
    ...grouped.filter((group) => group.tags.length > 0),
    ...(ungrouped.length > 0 ? [{ name: 'other', tags: ungrouped }] : []),
  ];
  normalizeSchemas(document);
  return document;
}

/**
 * Nest's schema factory still writes some OpenAPI 3.0 forms; 3.1 is JSON Schema: `nullable: true`
 * becomes a `null` type, and a string-literal union the plugin types as `object` (`IsIn` over a
 * union type) is typed by its enum values.
 */
function normalizeSchemas(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) normalizeSchemas(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  for (const value of Object.values(schema)) normalizeSchemas(value);
  // Instants are ISO 8601 strings named `…At` throughout the API (createdAt, dueAt, …).
  if (typeof schema.properties === 'object' && schema.properties !== null) {
    for (const [name, property] of Object.entries(schema.properties as Record<string, Record<string, unknown>>)) {
      const type = property.type;
      const isString = type === 'string' || (Array.isArray(type) && type.includes('string'));
      if (/[a-z]At$/.test(name) && isString && property.format === undefined) property.format = 'date-time';
    }
  }
  const values = Array.isArray(schema.enum) ? (schema.enum as unknown[]) : undefined;
  if (values && values.length > 0 && (schema.type === 'object' || schema.type === undefined)) {
    const kinds = new Set(values.map((value) => (Number.isInteger(value) ? 'integer' : typeof value === 'number' ? 'number' : typeof value)));
    if (kinds.size === 1) schema.type = [...kinds][0];
  }
  // `allOf` of one schema (Nest's way to put a description beside a $ref): 3.1 allows the siblings.
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) {
    const [only] = schema.allOf as Record<string, unknown>[];
    delete schema.allOf;
    const siblings = { ...schema };
    Object.assign(schema, only, siblings);
  }
  if (typeof schema.nullable !== 'boolean') return;
  const nullable = schema.nullable;
  delete schema.nullable;
  if (!nullable) return;
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (values && !values.includes(null)) schema.enum = [...values, null];
  } else if (schema.$ref !== undefined || schema.allOf !== undefined) {
    const { description, ...rest } = schema;
    for (const key of Object.keys(schema)) delete schema[key];
    Object.assign(schema, { ...(description !== undefined ? { description } : {}), anyOf: [rest, { type: 'null' }] });
  }
}

/** The bounded contexts (libs/*) and the tags of their routes. */
const CONTEXT_TAGS: Record<string, readonly string[]> = {
  access: ['tenants', 'api-keys', 'advisors'],
  cases: ['cases', 'review and decision', 'escalation', 'mitigation', 'monitoring', 'register'],
  policies: ['policies'],
  'reference lists': ['reference-lists'],
  integrations: ['webhooks', 'integrations'],
  audit: ['audit'],
  platform: ['operations'],
};

const TAG_DESCRIPTIONS: Record<string, string> = {
  cases: 'Submission of cases, disclosures, screening and assessments.',
  'review and decision': 'Review tasks, security judgement, decisions with four eyes, response window and appeals.',
  escalation: 'Escalations to committees, export control, legal or national advisors, and information requests.',
  mitigation: 'Mitigation plans and their measures.',
  monitoring: 'Changes of circumstances of approved cases.',
  register: 'The register of decided cases.',
  'reference-lists': 'Sanctions and risk lists the screening matches against.',
  policies: 'Screening policies and funding calls.',
  webhooks: 'Outgoing signed webhooks (Standard Webhooks).',
  integrations: 'Incoming signed messages from registered systems.',
  tenants: 'Tenants (platform bootstrap).',
  'api-keys': 'API keys and their roles.',
  advisors: 'National advisory bodies a tenant may escalate to.',
  audit: 'The tenant audit trail.',
  operations: 'Health probes.',
};

/** An operation with its specification extensions (`x-…`). */
type ExtendedOperation = OperationObject & Record<`x-${string}`, unknown>;

function completeOperation(method: HttpMethod, operation: ExtendedOperation): void {
  const access = operation[ACCESS_EXTENSION] as RouteAccessExtension | undefined;
  const problems = new Map<number, ProblemCodes>();
  const add = (status: number, ...entries: string[]): void => {
    const codes = problems.get(status) ?? new Map<string, string | undefined>();
    for (const entry of entries) {
      const at = entry.indexOf(':');
      const code = at < 0 ? entry : entry.slice(0, at).trim();
      if (!codes.has(code)) codes.set(code, at < 0 ? undefined : entry.slice(at + 1).trim());
    }
    problems.set(status, codes);
  };

  // Security from the route's access rule (the guard's), never a guess.
  if (access?.kind === 'public') operation.security = [];
  else if (access?.kind === 'bootstrap') {
    operation.security = [{ [BOOTSTRAP_SCHEME]: [] }];
    add(401, 'AUTH.UNAUTHENTICATED: no bearer token', 'AUTH.INVALID_CREDENTIALS: not the bootstrap token');
    add(403, 'AUTH.BOOTSTRAP_DISABLED: AJAR_BOOTSTRAP_TOKEN is not set');
  } else {
    operation.security = [{ [API_KEY_SCHEME]: [] }];
    add(401, 'AUTH.UNAUTHENTICATED: no bearer token', 'AUTH.INVALID_CREDENTIALS: unknown or revoked API key');
    const roles = access?.kind === 'roles' ? access.roles.join(', ') : 'none';
    add(403, `AUTH.ROLE_REQUIRED: the key has none of the roles ${roles}`);
  }

  // Parameters: one If-Match (optional), Idempotency-Key on every POST and PATCH, ids as UUIDs.
  const parameters = (operation.parameters ?? []).filter((parameter): parameter is ParameterObject => !('$ref' in parameter));
  const kept: ParameterObject[] = [];
  let ifMatch = false;
  for (const parameter of parameters) {
    const name = parameter.name.toLowerCase();
    if (parameter.in === 'header' && name === 'if-match') {
      ifMatch = true;
      continue;
    }
    if (parameter.in === 'header' && name === 'idempotency-key') continue;
    if (kept.some((other) => other.in === parameter.in && other.name.toLowerCase() === name)) continue;
    if (parameter.in === 'path') {
      const schema = (parameter.schema ?? {}) as SchemaObject;
      if (isUuidParameter(parameter.name) && !schema.pattern && !schema.format) {
        parameter.schema = { ...schema, type: 'string', format: 'uuid' };
        add(400, `REQUEST.INVALID_ID: ${parameter.name} is not a UUID`);
      }
    }
    kept.push(parameter);
  }
  if (ifMatch) {
    kept.push({ in: 'header', ...IF_MATCH_PARAMETER, schema: { ...IF_MATCH_PARAMETER.schema, examples: [...IF_MATCH_PARAMETER.schema.examples] } });
    add(400, 'REQUEST.INVALID_IF_MATCH: If-Match is not an ETag such as "7"');
    add(409, 'STREAM.VERSION_CONFLICT: If-Match is not the current version');
  }
  if (method === 'post' || method === 'patch') {
    kept.push(IDEMPOTENCY_PARAMETER);
    add(400, 'IDEMPOTENCY.KEY_INVALID: not 1 to 255 visible ASCII characters');
    add(409, 'IDEMPOTENCY.IN_PROGRESS: the first request with this key is still running; retry');
    add(422, 'IDEMPOTENCY.KEY_REUSED: the key was used for another request');
  }
  operation.parameters = kept;
  if (kept.some((parameter) => parameter.in === 'query')) add(400, 'REQUEST.VALIDATION_FAILED: a query parameter is not valid');

  // Rate limits (libs/platform/rate-limits) count every route but the public probes; the answer
  // carries Retry-After and the RateLimit fields.
  if (access?.kind !== 'public') add(429, 'REQUEST.RATE_LIMITED: a rate limit of the key or address is spent; retry after Retry-After seconds');

  // Every URL is checked for characters PostgreSQL cannot store.
  add(400, 'REQUEST.BAD_REQUEST: the URL holds characters that cannot be stored');
  const body = operation.requestBody && !('$ref' in operation.requestBody) ? operation.requestBody : undefined;
  const multipart = body?.content['multipart/form-data'];
  if (multipart && (multipart.schema as SchemaObject | undefined)?.type === 'string') {
    multipart.schema = {
      type: 'object',
      description: 'One part per file, named by its file name (e.g. `sdn.csv`).',
      additionalProperties: { type: 'string', format: 'binary' },
    };
  }
  if (operation.requestBody) {
    add(400, 'REQUEST.VALIDATION_FAILED: a field is not valid (see `errors`)', 'REQUEST.BAD_REQUEST: the body is not valid JSON, too deep, or repeats a key');
    add(413, 'REQUEST.TOO_LARGE: the body is larger than the limit');
    add(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE: the body is not sent as a supported Content-Type');
  }

  const responses = operation.responses as Record<string, ResponseObject | ReferenceObject>;
  if (method === 'post' || method === 'patch') {
    for (const [status, response] of Object.entries(responses)) {
      if (Number(status) < 300 && !('$ref' in response)) {
        response.headers = { ...(response.headers ?? {}), 'Idempotent-Replayed': REPLAYED_HEADER };
      }
    }
  }
  for (const [status, codes] of problems) {
    const existing = responses[String(status)];
    const merged: ProblemCodes = existing && !('$ref' in existing) ? codesOf(existing) : new Map();
    for (const [code, why] of codes) if (!merged.has(code)) merged.set(code, why);
    responses[String(status)] = renderProblemResponse(merged);
  }
  // Error answers declared without a problem body (plain @ApiResponse) get the problem shape.
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) >= 400 && !('$ref' in response) && !response.content?.[PROBLEM_CONTENT_TYPE]) {
      responses[status] = { ...renderProblemResponse(new Map()), description: response.description };
    }
  }
  operation.responses = sortedResponses(responses);
  delete operation[ACCESS_EXTENSION];
  if (access?.kind === 'roles') operation['x-ajar-roles'] = [...access.roles];
}

/** Path parameters that `parseId` checks: `id` and `…Id`, except the list ids, which are slugs. */
function isUuidParameter(name: string): boolean {
  return (name === 'id' || /[a-z]Id$/.test(name)) && name !== 'listId';
}

function sortedResponses(responses: Record<string, ResponseObject | ReferenceObject>): OperationObject['responses'] {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}
