/**
 * What went wrong, in terms the HTTP layer can map without knowing the domain:
 * not_found → 404, conflict → 409, invalid → 400, unprocessable → 422, forbidden → 403.
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'invalid' | 'unprocessable' | 'forbidden';

/** A refusal with a stable machine-readable code, e.g. `CASE.ILLEGAL_TRANSITION`. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class StreamVersionConflict extends DomainError {
  constructor(streamId: string, expectedVersion: number) {
    super(
      'STREAM.VERSION_CONFLICT',
      `The resource ${streamId} was changed by another request (expected version ${expectedVersion}); read it again and retry.`,
      'conflict',
      { streamId, expectedVersion },
    );
  }
}
