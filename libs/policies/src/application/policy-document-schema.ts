import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { POLICY_DOCUMENT_SCHEMA } from '@ajar/appraisal';

export interface SchemaProblem {
  field: string;
  reason: string;
}

let compiled: ValidateFunction | undefined;

function describe(error: ErrorObject): SchemaProblem {
  const extra = error.keyword === 'additionalProperties' ? `/${String((error.params as { additionalProperty: string }).additionalProperty)}` : '';
  return { field: `${error.instancePath}${extra}` || '/', reason: error.message ?? 'is not valid' };
}

/** Checks a policy document against the published JSON Schema (GET /v1/policy-schema). */
export function schemaProblems(document: unknown): SchemaProblem[] {
  compiled ??= new Ajv({ allErrors: true, strict: true }).compile(POLICY_DOCUMENT_SCHEMA);
  return compiled(document) ? [] : (compiled.errors ?? []).map(describe);
}
