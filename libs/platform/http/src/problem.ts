/** RFC 9457 problem details, the one error shape of the API. */
export interface FieldProblem {
  /** Path of the offending field in the request, e.g. `partners[0].name`, or a header or query name. */
  field: string;
  reason: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  correlationId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:ajar:problem:${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** Thrown by the HTTP layer when a request is refused before it reaches a command. */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldProblem[],
    readonly headers?: Record<string, string>,
    /** RFC 9457 extension members added to the problem document (e.g. which rate limit was hit). */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'ProblemException';
  }
}
